/// A person waiting in a task's pool, and how their wait (and task world) ended.
struct PoolEntry {
    /// How a person's time in a task (pool wait and task world) ended.
    enum Outcome: Sendable, Equatable {
        /// The task world finished normally; the person's data says where to go next.
        case finished
        /// The pool wait timed out.
        case timedOut
        /// The person typed EXIT while waiting.
        case exited
        /// The world ended early (partner left, a timeout, an error): back to the overworld.
        case returnToOverworld
        /// The person left, or the server is shutting down.
        case ended
    }

    let personID: String
    let ticket: Int
    /// The pool's order: when the person finished the world before it (``Person/finishedWorld``).
    let arrival: Int
    /// When the person joined the pool.
    let joined = ContinuousClock.now
    let continuation: CheckedContinuation<Outcome, Never>
}
