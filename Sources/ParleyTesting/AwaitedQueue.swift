import Synchronization

/// Items pushed by one side and read in order by one reader at a time, who may wait for the next
/// one with a time limit. An item that arrives as the time runs out is never lost: it stays unread.
final class AwaitedQueue<Item: Sendable>: Sendable {
    private struct State {
        var unread: [Item] = []
        var waiter: CheckedContinuation<Item?, Never>?
        /// Tells the current waiter from earlier ones whose time ran out.
        var waiterTicket = 0
    }

    private let state = Mutex(State())

    /// Hands `item` to the waiting reader, or keeps it for the next read.
    func push(_ item: Item) {
        let waiter = state.withLock { state in
            if let waiter = state.waiter {
                state.waiter = nil
                return Optional(waiter)
            }
            state.unread.append(item)
            return nil
        }
        waiter?.resume(returning: item)
    }

    /// The next item not yet read, waiting at most `limit` (nil: as long as it takes); nil when
    /// none came in time or the waiting task is cancelled.
    func next(within limit: Duration?) async -> Item? {
        let ticket = state.withLock { state in
            state.waiterTicket += 1
            return state.waiterTicket
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Item?, Never>) in
                let ready: Item?? = state.withLock { state in
                    if !state.unread.isEmpty { return .some(state.unread.removeFirst()) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let ready {
                    continuation.resume(returning: ready)
                } else if let limit {
                    Task { [self] in
                        try? await Task.sleep(for: limit)
                        giveUp(ticket)
                    }
                }
            }
        } onCancel: {
            giveUp(ticket)
        }
    }

    /// Ends the wait of `ticket` with nothing, if it is still waiting.
    private func giveUp(_ ticket: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Item?, Never>? in
            guard state.waiterTicket == ticket, let waiter = state.waiter else { return nil }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: nil)
    }
}
