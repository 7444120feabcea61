import ParleyCore

/// A bot model loaded once at start (ParlAI's shared bot params); each conversation gets its own copy.
public protocol BotModel: Sendable {
    /// A fresh conversation sharing this model's loaded, immutable part.
    func makeConversation() -> any BotConversation
    /// A fresh conversation with `audience`, the people the bot talks to (a model that records
    /// what they said, under their ids, needs them); by default `makeConversation()`.
    func makeConversation(audience: [PersonAgent]) -> any BotConversation
}

extension BotModel {
    public func makeConversation(audience: [PersonAgent]) -> any BotConversation {
        makeConversation()
    }
}

/// One bot's side of one conversation (ParlAI's `create_agent_from_shared`).
public protocol BotConversation: AnyObject, Sendable {
    /// Shows the bot a message.
    func observe(_ message: Message) async
    /// The bot's reply to what it has observed; nil when it has nothing to say.
    func act() async throws -> Message?
    /// Forgets the conversation so far.
    func reset() async
    /// What the bot says when the conversation starts, before anyone speaks; nil for nothing.
    func opening() async throws -> Message?
    /// How long a quiet conversation lasts before the bot takes the initiative; nil for never.
    func initiativeDelay() async -> Duration?
    /// What the bot says after `quiet` without a message; nil for nothing.
    func initiative(after quiet: Duration) async throws -> Message?
    /// The conversation so far as JSON, for a restorable world to save; nil when the bot cannot
    /// be restored (the default: it starts afresh after a restart).
    func savedState() async -> JSONValue?
    /// Goes on from a state ``savedState()`` gave; false when it cannot (the default).
    func restore(_ state: JSONValue) async -> Bool
}

extension BotConversation {
    /// Bots that wait to be spoken to say nothing first.
    public func opening() async throws -> Message? { nil }

    /// Bots that wait to be spoken to never take the initiative.
    public func initiativeDelay() async -> Duration? { nil }

    /// Bots that wait to be spoken to say nothing in a quiet conversation.
    public func initiative(after quiet: Duration) async throws -> Message? { nil }

    public func savedState() async -> JSONValue? { nil }

    public func restore(_ state: JSONValue) async -> Bool { false }
}
