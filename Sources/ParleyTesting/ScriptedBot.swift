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

/// One conversation of a ``ScriptedBot``.
actor ScriptedConversation: BotConversation {
    private let bot: ScriptedBot
    private var observed: Message?
    private var turn = 0

    init(bot: ScriptedBot) {
        self.bot = bot
    }

    func observe(_ message: Message) {
        observed = message
    }

    func act() -> Message? {
        defer { turn += 1 }
        return bot.reply(observed, turn)
    }

    func reset() {
        observed = nil
        turn = 0
    }

    func opening() -> Message? {
        bot.opening
    }
}

extension WorldRegistry {
    /// Makes every model of kind `kind` in the config (`opt.models.KEY.model: kind`) the scripted
    /// `bot`, whatever its other settings.
    public mutating func script(botKind kind: String, as bot: ScriptedBot) {
        register(BotModelKind(name: kind) { _ in bot })
    }
}
