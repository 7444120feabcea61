import Synchronization

/// One reader waiting on one or more inboxes; exactly one party may claim and wake it.
final class InboxWaiter: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Inbox.Wake, Never>?
        var claimed = false
        var cancelledEarly = false
    }

    private let state = Mutex(State())

    /// Stores the continuation; returns false (having woken it as cancelled) when the wait was
    /// cancelled before it began.
    func arm(_ continuation: CheckedContinuation<Inbox.Wake, Never>) -> Bool {
        let early = state.withLock { state in
            if state.cancelledEarly { return true }
            state.continuation = continuation
            return false
        }
        if early { continuation.resume(returning: .cancelled) }
        return !early
    }

    /// Claims the right to wake the waiter; true for exactly one caller.
    func claim() -> Bool {
        state.withLock { state in
            guard !state.claimed else { return false }
            state.claimed = true
            if state.continuation == nil { state.cancelledEarly = true }
            return true
        }
    }

    var isClaimed: Bool { state.withLock { $0.claimed } }

    /// Wakes the waiter; only the claimant calls this.
    func resume(_ wake: Inbox.Wake) {
        let continuation = state.withLock { state in
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: wake)
    }
}
