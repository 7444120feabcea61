/// What a turn answers: the output, the conversation's new data, and the idle delay.
public struct MindReply: Sendable, Hashable {
    /// Text, possibly with output tags (`[head-nod] Hello.`); may be empty.
    public var output: String
    /// The state to send back with the next turn.
    public var data: ConversationData
    /// Seconds after which the client should send `[idle n]`, or nil (`JSONValue.number` writes
    /// integral values as integers).
    public var idle: Double?

    public init(output: String, data: ConversationData, idle: Double?) {
        self.output = output
        self.data = data
        self.idle = idle
    }
}
