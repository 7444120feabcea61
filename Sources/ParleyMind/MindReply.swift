import ParleyCore

/// What a turn answers: the output, the conversation's new data, and the idle delay.
public struct MindReply: Sendable, Hashable {
    /// Text, possibly with output tags (`[head-nod] Hello.`); may be empty.
    public var output: String
    /// The state to send back with the next turn.
    public var data: ConversationData
    /// Seconds after which the client should send `[idle n]`, or nil (`JSONValue.number` writes
    /// integral values as integers).
    public var idle: Double?
    /// The id of the rule that answered, nil when none did (not part of the API's answer).
    public var rule: String?

    public init(output: String, data: ConversationData, idle: Double?, rule: String? = nil) {
        self.output = output
        self.data = data
        self.idle = idle
        self.rule = rule
    }

    /// The reply as the reply API sends it: `{"output":...,"data":{...},"idle":3}`, compact, with
    /// the data in its canonical form and `idle` only when set.
    public var jsonText: String {
        var writer = JSONWriter()
        writer.raw("{\"output\":")
        writer.string(output)
        writer.raw(",\"data\":" + data.jsonText)
        if let idle {
            writer.raw(",\"idle\":")
            writer.number(idle)
        }
        writer.raw("}")
        return writer.text
    }
}
