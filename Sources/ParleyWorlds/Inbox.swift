import Synchronization

/// The messages a person has typed and no world has read yet.
///
/// One inbox per person lives across worlds, so whatever is typed during a hand-over is read by the
/// next world. Readers wait without polling; `next(from:timeout:)` waits on several inboxes at once.
final class Inbox: Sendable {
    /// A message and what to call once the runtime is done with it.
    struct Entry: Sendable {
        var message: Message
        /// Called once the message is in the transcript store, or when it is dropped unread.
        let settled: (@Sendable () -> Void)?
        /// The service's number for the message (the chat page's `seq`), when it numbers them.
        var number: Int? = nil

        /// Calls `settled`: the message is dropped, or consumed without being recorded.
        func settle() {
            settled?()
        }
    }

    /// What a wait ended with.
    enum Wake: Sendable {
        case message(index: Int, Entry)
        case closed(index: Int)
        case timedOut
        case cancelled
    }

    private struct State {
        var queue: [Entry] = []
        var waiters: [(waiter: InboxWaiter, index: Int)] = []
        var closed = false
    }

    private let state = Mutex(State())

    /// Adds a message; a waiting reader gets it at once. A closed inbox drops it (and settles it).
    func push(_ entry: Entry) {
        enum Outcome { case queued, dropped, handedOff(InboxWaiter, Int) }
        let outcome: Outcome = state.withLock { state in
            guard !state.closed else { return .dropped }
            while !state.waiters.isEmpty {
                let waiting = state.waiters.removeFirst()
                if waiting.waiter.claim() { return .handedOff(waiting.waiter, waiting.index) }
            }
            state.queue.append(entry)
            return .queued
        }
        switch outcome {
        case .queued: break
        case .dropped: entry.settle()
        case .handedOff(let waiter, let index): waiter.resume(.message(index: index, entry))
        }
    }

    /// Marks the person gone: readers wake with `.closed`, unread and later messages are dropped.
    func close() {
        let (woken, dropped): ([(InboxWaiter, Int)], [Entry]) = state.withLock { state in
            state.closed = true
            defer {
                state.queue.removeAll()
                state.waiters.removeAll()
            }
            return (state.waiters.filter { $0.waiter.claim() }.map { ($0.waiter, $0.index) }, state.queue)
        }
        for entry in dropped { entry.settle() }
        for (waiter, index) in woken { waiter.resume(.closed(index: index)) }
    }

    /// Drops every unread message (the person left the conversation).
    func clear() {
        let dropped = state.withLock { state in
            defer { state.queue.removeAll() }
            return state.queue
        }
        for entry in dropped { entry.settle() }
    }

    /// If an unread message says EXIT, drops it and everything before it and returns true.
    func removeThroughExit() -> Bool {
        let dropped: [Entry]? = state.withLock { state in
            guard let index = state.queue.firstIndex(where: { $0.message.isExit }) else { return nil }
            defer { state.queue.removeFirst(index + 1) }
            return Array(state.queue[...index])
        }
        guard let dropped else { return false }
        for entry in dropped { entry.settle() }
        return true
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
