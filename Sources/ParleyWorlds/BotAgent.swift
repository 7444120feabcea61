import Logging
import ParleyCore

/// A bot in a world: an agent whose acts come from a bot model's conversation.
///
/// While the bot works on a message, the people in its world see it typing. When the model fails
/// (a remote bot down or too slow), the bot says ``RuntimeText/botUnavailable`` and the world goes on.
/// While an operator who stepped into the world has paused its bots, they say nothing.
public final class BotAgent: Agent {
    /// The model key from the config; acts carry it as their `id`.
    public let displayID: String
    private let conversation: any BotConversation
    private let audience: [PersonAgent]
    private let logger: Logger
    private let metrics: WorldMetrics
    private let control: WorldControl

    init(
        displayID: String, conversation: any BotConversation, audience: [PersonAgent], logger: Logger, metrics: WorldMetrics,
        control: WorldControl
    ) {
        self.displayID = displayID
        self.conversation = conversation
        self.audience = audience
        self.logger = logger
        self.metrics = metrics
        self.control = control
    }

    /// Shows the bot a message; it answers on the next `act()`.
    public func observe(_ message: Message) async {
        await conversation.observe(message)
    }

    /// The bot's reply to what it observed; nil when it has nothing to say (`timeout` is not
    /// applied to bots). Throws only when cancelled.
    public func act(timeout: Duration?) async throws -> Message? {
        try await speak("reply") { try await conversation.act() }
    }

    /// The bot's reply to what it observed; nil when it has nothing to say (a blank message, say),
    /// which a world passes over. Throws only when cancelled.
    public func act() async throws -> Message? {
        try await act(timeout: nil)
    }

    /// What the bot says as the conversation starts; nil for nothing.
    public func opening() async throws -> Message? {
        try await speak("opening") { try await conversation.opening() }
    }

    /// How long a quiet conversation lasts before the bot takes the initiative; nil for never.
    public func initiativeDelay() async -> Duration? {
        await conversation.initiativeDelay()
    }

    /// What the bot says after `quiet` without a message; nil for nothing.
    public func initiative(after quiet: Duration) async throws -> Message? {
        try await speak("initiative") { try await conversation.initiative(after: quiet) }
    }

    /// The bot's conversation so far, for a restorable world to save; nil when the bot's model
    /// cannot be restored.
    public func savedState() async -> JSONValue? {
        await conversation.savedState()
    }

    /// Goes on from a state ``savedState()`` gave; false (and the bot starts afresh) when the
    /// model cannot.
    @discardableResult
    public func restore(_ state: JSONValue) async -> Bool {
        await conversation.restore(state)
    }

    /// Clears the bot's conversation history.
    public func reset() async {
        await conversation.reset()
    }

    /// Runs `work` with typing shown; a failure other than cancellation becomes the unavailable notice.
    /// While an operator has paused the world's bots, the bot says nothing.
    private func speak(_ what: String, _ work: () async throws -> Message?) async throws -> Message? {
        guard !control.botsPaused else { return nil }
        for person in audience { await person.showTyping(true) }
        let result: Result<Message?, any Error>
        let started = ContinuousClock.now
        do {
            result = .success(try await work())
        } catch {
            result = .failure(error)
        }
        switch result {
        case .failure(let error) where error is CancellationError || Task.isCancelled:
            break  // Cut short by the world's end: neither a reply time nor a failure.
        case .failure:
            metrics.botSpoke(model: displayID, took: ContinuousClock.now - started, failed: true)
        case .success:
            metrics.botSpoke(model: displayID, took: ContinuousClock.now - started, failed: false)
        }
        for person in audience { await person.showTyping(false) }
        switch result {
        case .success(var message?):
            if message.id == nil { message.id = displayID }
            message.role = .bot
            return message
        case .success(nil):
            return nil
        case .failure(let error) where error is CancellationError || Task.isCancelled:
            throw error
        case .failure(let error):
            logger.warning("bot \(displayID) could not give its \(what): \(error)")
            return Message(text: RuntimeText.botUnavailable, id: displayID, role: .bot)
        }
    }
}
