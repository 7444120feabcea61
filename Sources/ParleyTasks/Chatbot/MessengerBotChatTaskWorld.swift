import ParleyWorlds

/// The chatbot demo: each message goes to the configured bot and its reply comes back;
/// `[RESET]` clears the bot's history, `[DONE]` returns to the overworld.
public actor MessengerBotChatTaskWorld: TaskWorld {
    static let welcome = "Welcome to the ParlAI Chatbot demo. You are now paired with a bot - feel free to send a message. "
        + "Type [DONE] to finish the chat, or [RESET] to reset the dialogue history."
    static let cleared = "[History Cleared]"

    private let agent: PersonAgent
    private let bot: BotAgent
    private var firstTime = true
    public private(set) var episodeDone = false

    /// Throws when the config provides no model for the bot.
    public init(context: WorldContext) throws {
        agent = context.agent
        bot = try context.makeBot()
    }

    public static func assignRoles(_ agents: [PersonAgent]) {
        agents.first?.displayID = "ChatbotAgent"
    }

    public func parley() async throws {
        if firstTime {
            firstTime = false
            await agent.observe(Message(text: Self.welcome, id: "World"))
        }
        let act = try await agent.act()
        if act.text.contains("[DONE]") {
            episodeDone = true
        } else if act.text.contains("[RESET]") {
            await bot.reset()
            await agent.observe(Message(text: Self.cleared))
        } else {
            await bot.observe(act)
            await agent.observe(try await bot.act())
        }
    }
}
