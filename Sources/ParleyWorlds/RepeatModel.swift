/// The `repeat` bot model: says its replies in turn, from the first again after the last.
public struct RepeatModel: BotModel {
    let replies: [String]

    public init(replies: [String]) {
        self.replies = replies
    }

    public func makeConversation() -> any BotConversation {
        RepeatConversation(replies: replies)
    }
}

/// One conversation of the `repeat` model.
actor RepeatConversation: BotConversation {
    private let replies: [String]
    private var next = 0

    init(replies: [String]) {
        self.replies = replies
    }

    func observe(_ message: Message) {}

    func act() -> Message? {
        defer { next = (next + 1) % replies.count }
        return Message(text: replies[next])
    }

    func reset() {
        next = 0
    }
}
