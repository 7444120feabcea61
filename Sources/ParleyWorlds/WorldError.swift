/// Why a world stopped early; the runtime handles these (worlds usually just let them propagate).
public enum WorldError: Error, Sendable, Equatable {
    /// These people did not answer within the task's `response_timeout`.
    case timedOut([String])
    /// This person left (disconnected).
    case personLeft(String)
    /// An agent produced no act.
    case noAct(String)
}
