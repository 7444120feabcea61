/// Why a world ended.
public enum ConversationEnding: String, Sendable, Hashable, Codable, CaseIterable {
    /// The world finished its conversation.
    case completed
    /// Someone did not answer within the task's `response_timeout`.
    case timedOut = "timed_out"
    /// A person left (EXIT, closed the connection) before the end.
    case left
    /// The server shut down while it ran.
    case stopped
    /// The world failed (could not be made, or threw).
    case failed
}
