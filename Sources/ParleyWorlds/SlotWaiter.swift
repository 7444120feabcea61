/// People waiting for a free worker (`max_workers`) to start a world.
struct SlotWaiter {
    /// How the wait ended.
    enum Grant: Sendable {
        case granted
        /// The person typed EXIT while queued.
        case exit
        /// A person left, or the server is shutting down.
        case ended
    }

    let ticket: Int
    let personIDs: [String]
    /// Set once the waiting task suspends; a waiter resolved before that has its grant kept aside.
    var continuation: CheckedContinuation<Grant, Never>?
}
