import Synchronization

/// One reader waiting on one or more inboxes; exactly one party may claim and wake it.
final class InboxWaiter: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Inbox.Wake, Never>?
        var claimed = false
        /// A wake that came before the continuation was stored.
        var early: Inbox.Wake?
    }

    private let state = Mutex(State())

    /// Stores the continuation; returns false (having woken it) when the wait was cancelled or
    /// timed out before it began.
    func arm(_ continuation: CheckedContinuation<Inbox.Wake, Never>) -> Bool {
        let early: Inbox.Wake? = state.withLock { state in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(returning: early) }
        return early == nil
    }

    /// Claims the right to wake the waiter; true for exactly one caller.
    func claim() -> Bool {
        state.withLock { state in
            guard !state.claimed else { return false }
            state.claimed = true
            return true
        }
    }

    var isClaimed: Bool { state.withLock { $0.claimed } }

    /// Wakes the waiter; only the claimant calls this.
    func resume(_ wake: Inbox.Wake) {
        let continuation = state.withLock { state in
            defer { state.continuation = nil }
            if state.continuation == nil { state.early = wake }
            return state.continuation
        }
        continuation?.resume(returning: wake)
    }
}
