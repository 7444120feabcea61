import ParleyWorlds

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
