/// The `echo` bot model: each reply repeats the last message the bot observed.
public struct EchoModel: BotModel {
    public init() {}

    public func makeConversation() -> any BotConversation {
        EchoConversation()
    }
}

/// One conversation of the `echo` model.
actor EchoConversation: BotConversation {
    private var last: Message?

    func observe(_ message: Message) {
        last = message
    }

    func act() -> Message? {
        Message(text: last?.text ?? "", payload: last?.payload)
    }

    func reset() {
        last = nil
    }
}
