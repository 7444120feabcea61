import ParleyWorlds

/// A bot that stands in for a config's model in tests: it answers what it last observed with
/// `reply`, and may open the conversation. Put it in place of a model kind with
/// ``ParleyWorlds/WorldRegistry/script(botKind:as:)``.
public struct ScriptedBot: BotModel {
    let opening: Message?
    let reply: @Sendable (_ observed: Message?, _ turn: Int) -> Message?

    /// A bot that answers the message it last observed (nil before any) on its `turn`-th act,
    /// counting from 0.
    public init(opening: Message? = nil, reply: @escaping @Sendable (_ observed: Message?, _ turn: Int) -> Message?) {
        self.opening = opening
        self.reply = reply
    }

    /// A bot that says `replies` in order, then nothing.
    public init(opening: String? = nil, replies: [String]) {
        self.init(opening: opening.map { Message(text: $0) }) { _, turn in
            turn < replies.count ? Message(text: replies[turn]) : nil
        }
    }

    public func makeConversation() -> any BotConversation {
        ScriptedConversation(bot: self)
    }
}
