import ParleyCore
import ParleyWorlds

/// The chatbot demo: each message goes to the configured bot and its reply comes back;
/// `[RESET]` clears the bot's history, `[DONE]` returns to the overworld. A bot that opens
/// conversations speaks after the welcome, and one that takes the initiative speaks in a quiet chat.
/// A menu button naming a task (a Messenger postback) leaves for that task. It continues after a
/// restart; so does its bot's conversation, when the bot's model can be restored (a mind).
public actor MessengerBotChatTaskWorld: RestorableWorld {
    /// What the chat keeps between messages.
    public struct State: Codable, Sendable {
        /// Whether the welcome went out.
        var welcomed: Bool
        /// The bot's conversation, when its model can save it.
        var bot: JSONValue?
    }

    static let welcome = "Welcome to the ParlAI Chatbot demo. You are now paired with a bot - feel free to send a message. "
        + "Type [DONE] to finish the chat, or [RESET] to reset the dialogue history."
    static let cleared = "[History Cleared]"

    private let agent: PersonAgent
    private let bot: BotAgent
    private let taskNames: [String]
    private var firstTime = true
    /// The bot's saved conversation, until the first step after a restart restores it.
    private var savedBot: JSONValue?
    /// When the person last spoke (or the chat began): their `response_timeout` runs from then,
    /// whatever the bot says meanwhile.
    private var lastHeard = ContinuousClock.now
    public private(set) var episodeDone = false

    /// Throws when the config provides no model for the bot.
    public init(context: WorldContext) throws {
        try self.init(context: context, restoring: State(welcomed: false, bot: nil))
    }

    /// Throws when the config provides no model for the bot.
    public init(context: WorldContext, restoring state: State) throws {
        agent = context.agent
        bot = try context.makeBot()
        taskNames = context.taskNames
        firstTime = !state.welcomed
        savedBot = state.bot
    }

    public func state() async -> State {
        if let savedBot { return State(welcomed: !firstTime, bot: savedBot) }
        return State(welcomed: !firstTime, bot: await bot.savedState())
    }

    public static func assignRoles(_ agents: [PersonAgent]) {
        agents.first?.displayID = "ChatbotAgent"
    }

    public func parley() async throws {
        if let saved = savedBot {
            savedBot = nil
            await bot.restore(saved)
        }
        if firstTime {
            firstTime = false
            lastHeard = .now
            await agent.observe(Message(text: Self.welcome, id: "World"))
            try await say(bot.opening())
        }
        guard let act = try await nextAct() else { return }
        if act.text.contains("[DONE]") {
            episodeDone = true
        } else if let task = act.postback, taskNames.contains(task) {
            // A menu button naming a task: leave for it.
            agent.data["next_task"] = .string(task)
            episodeDone = true
        } else if act.text.contains("[RESET]") {
            await bot.reset()
            await agent.observe(Message(text: Self.cleared))
            try await say(bot.opening())
        } else {
            await bot.observe(act)
            try await say(bot.act())
        }
    }

    /// The person's next message; nil when the bot's initiative delay passed first (it has spoken
    /// then). Throws ``WorldError/timedOut(_:)`` when the person's `response_timeout`, counted from
    /// their last message, passes first: a bot's nudges do not give them more time.
    private func nextAct() async throws -> Message? {
        let delay = await bot.initiativeDelay()
        let left = agent.responseTimeout.map { max($0 - (ContinuousClock.now - lastHeard), .zero) }
        guard let wait = [left, delay].compactMap({ $0 }).min() else {
            return heard(try await agent.act())
        }
        if let act = try await agent.act(timeout: wait) { return heard(act) }
        if let left, left <= wait { throw WorldError.timedOut([agent.personID]) }
        try await say(bot.initiative(after: wait))
        return nil
    }

    private func heard(_ act: Message?) -> Message? {
        lastHeard = .now
        return act
    }

    private func say(_ message: Message?) async {
        if let message { await agent.observe(message) }
    }
}
