/// A bot model loaded once at start (ParlAI's shared bot params); each conversation gets its own copy.
public protocol BotModel: Sendable {
    /// A fresh conversation sharing this model's loaded, immutable part.
    func makeConversation() -> any BotConversation
}

/// One bot's side of one conversation (ParlAI's `create_agent_from_shared`).
public protocol BotConversation: AnyObject, Sendable {
    /// Shows the bot a message.
    func observe(_ message: Message) async
    /// The bot's reply to what it has observed.
    func act() async throws -> Message
    /// Forgets the conversation so far.
    func reset() async
}
