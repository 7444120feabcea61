/// A bot in a world: an agent whose acts come from a bot model's conversation.
///
/// While the bot works on a reply, the people in its world see it typing.
public final class BotAgent: Agent {
    /// The model key from the config; acts carry it as their `id`.
    public let displayID: String
    private let conversation: any BotConversation
    private let audience: [PersonAgent]

    init(displayID: String, conversation: any BotConversation, audience: [PersonAgent]) {
        self.displayID = displayID
        self.conversation = conversation
        self.audience = audience
    }

    public func observe(_ message: Message) async {
        await conversation.observe(message)
    }

    /// The bot's reply (never nil; `timeout` is not applied to bots).
    public func act(timeout: Duration?) async throws -> Message? {
        for person in audience { await person.showTyping(true) }
        let reply: Message
        do {
            reply = try await conversation.act()
        } catch {
            for person in audience { await person.showTyping(false) }
            throw error
        }
        for person in audience { await person.showTyping(false) }
        var message = reply
        if message.id == nil { message.id = displayID }
        return message
    }

    /// Clears the bot's conversation history.
    public func reset() async {
        await conversation.reset()
    }
}
