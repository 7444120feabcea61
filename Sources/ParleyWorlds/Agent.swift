/// Something in a world that observes messages and acts: a person on a service, or a bot.
public protocol Agent: AnyObject, Sendable {
    /// The name this agent is shown under in its world (ParlAI's `disp_id`).
    var displayID: String { get }
    /// Shows the agent a message.
    func observe(_ message: Message) async
    /// The agent's next act.
    ///
    /// With a `timeout`, returns nil when it passes first. Without one, waits as long as the world
    /// allows: a person's task `response_timeout` ends the world with ``WorldError/timedOut(_:)``.
    func act(timeout: Duration?) async throws -> Message?
}

extension Agent {
    /// The agent's next act, waiting as long as the world allows.
    public func act() async throws -> Message {
        guard let message = try await act(timeout: nil) else { throw WorldError.noAct(displayID) }
        return message
    }
}
