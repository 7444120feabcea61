import Synchronization

/// How many of one connection's messages the runtime holds unsettled (unread by any world, or read
/// and not yet stored): at the limit, the connection is not read until one settles, so a client
/// that sends faster than its worlds read is slowed down by TCP instead of filling the server's
/// memory.
final class UnreadWindow: Sendable {
    private struct State {
        var held = 0
        var waiter: CheckedContinuation<Void, Never>?
        var isClosed = false
    }

    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Counts a message handed to the runtime; the returned function, called once it settles,
    /// makes room again.
    func hold() -> @Sendable () -> Void {
        state.withLock { $0.held += 1 }
        let released = Atomic<Bool>(false)
        return { [self] in
            guard !released.exchange(true, ordering: .relaxed) else { return }
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.held -= 1
                guard state.held < limit else { return nil }
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }

    /// Returns once fewer than `limit` messages are held, or the connection closed.
    func waitForRoom() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let hasRoom = state.withLock { state in
                guard state.held >= limit, !state.isClosed else { return true }
                state.waiter = continuation
                return false
            }
            if hasRoom { continuation.resume() }
        }
    }

    /// The connection closed: a wait ends at once, now and later.
    func close() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.isClosed = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }
}
