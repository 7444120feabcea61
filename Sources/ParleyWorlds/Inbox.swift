import Synchronization

/// The messages a person has typed and no world has read yet.
///
/// One inbox per person lives across worlds, so whatever is typed during a hand-over is read by the
/// next world. Readers wait without polling; `next(from:timeout:)` waits on several inboxes at once.
final class Inbox: Sendable {
    /// What a wait ended with.
    enum Wake: Sendable {
        case message(index: Int, Message)
        case closed(index: Int)
        case timedOut
        case cancelled
    }

    private struct State {
        var queue: [Message] = []
        var waiters: [(waiter: InboxWaiter, index: Int)] = []
        var closed = false
    }

    private let state = Mutex(State())

    /// Adds a message; a waiting reader gets it at once.
    func push(_ message: Message) {
        let handOff: (InboxWaiter, Int)? = state.withLock { state in
            guard !state.closed else { return nil }
            while !state.waiters.isEmpty {
                let entry = state.waiters.removeFirst()
                if entry.waiter.claim() { return (entry.waiter, entry.index) }
            }
            state.queue.append(message)
            return nil
        }
        if let (waiter, index) = handOff { waiter.resume(.message(index: index, message)) }
    }

    /// Marks the person gone: readers wake with `.closed`, later messages are dropped.
    func close() {
        let woken: [(InboxWaiter, Int)] = state.withLock { state in
            state.closed = true
            state.queue.removeAll()
            defer { state.waiters.removeAll() }
            return state.waiters.filter { $0.waiter.claim() }.map { ($0.waiter, $0.index) }
        }
        for (waiter, index) in woken { waiter.resume(.closed(index: index)) }
    }

    /// Drops every unread message (the person left the conversation).
    func clear() {
        state.withLock { $0.queue.removeAll() }
    }

    /// If an unread message says EXIT, drops it and everything before it and returns true.
    func removeThroughExit() -> Bool {
        state.withLock { state in
            guard let index = state.queue.firstIndex(where: { $0.isExit }) else { return false }
            state.queue.removeFirst(index + 1)
            return true
        }
    }

    /// Registers `waiter`, or hands it a queued message (or the closed state) at once.
    private func register(_ waiter: InboxWaiter, index: Int) {
        let wake: Wake? = state.withLock { state in
            if state.closed {
                return waiter.claim() ? .closed(index: index) : nil
            }
            if !state.queue.isEmpty {
                guard waiter.claim() else { return nil }
                return .message(index: index, state.queue.removeFirst())
            }
            state.waiters.append((waiter, index))
            return nil
        }
        if let wake { waiter.resume(wake) }
    }

    private func unregister(_ waiter: InboxWaiter) {
        state.withLock { state in state.waiters.removeAll { $0.waiter === waiter } }
    }

    /// Waits for the first message in any of `inboxes` (earlier inboxes first when several have one).
    ///
    /// Returns `.timedOut` when `timeout` passes first and `.cancelled` when the task is cancelled;
    /// no message is consumed in those cases.
    static func next(from inboxes: [Inbox], timeout: Duration?) async -> Wake {
        let waiter = InboxWaiter()
        guard let timeout else { return await wait(on: inboxes, with: waiter) }
        // One timer task beside the reader: whoever claims the waiter first decides the wake, so a
        // message is taken from an inbox only when it wins.
        return await withTaskGroup(of: Void.self) { group in
            group.addTask {
                guard (try? await Task.sleep(for: timeout)) != nil, waiter.claim() else { return }
                waiter.resume(.timedOut)
            }
            let wake = await wait(on: inboxes, with: waiter)
            group.cancelAll()
            return wake
        }
    }

    private static func wait(on inboxes: [Inbox], with waiter: InboxWaiter) async -> Wake {
        let wake = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Wake, Never>) in
                guard waiter.arm(continuation) else { return }
                for (index, inbox) in inboxes.enumerated() {
                    inbox.register(waiter, index: index)
                    if waiter.isClaimed { break }
                }
            }
        } onCancel: {
            if waiter.claim() { waiter.resume(.cancelled) }
        }
        for inbox in inboxes { inbox.unregister(waiter) }
        return wake
    }
}
