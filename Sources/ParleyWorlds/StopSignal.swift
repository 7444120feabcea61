import Synchronization

/// A one-shot signal that stops a running world.
final class StopSignal: Sendable {
    private struct State {
        var fired = false
        var nextID: UInt64 = 0
        /// What to do when the signal fires: wake a waiter or cancel a running body.
        var waiters: [UInt64: @Sendable () -> Void] = [:]
        var cancelledEarly: Set<UInt64> = []
    }

    private let state = Mutex(State())

    /// Fires the signal; waiters wake. Later calls do nothing.
    func fire() {
        let waiters = state.withLock { state in
            guard !state.fired else { return [@Sendable () -> Void]() }
            state.fired = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter() }
    }

    var hasFired: Bool { state.withLock { $0.fired } }

    /// Waits until the signal fires or the task is cancelled.
    func wait() async {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.fired || state.cancelledEarly.remove(id) != nil { return true }
                    state.waiters[id] = { continuation.resume() }
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> (@Sendable () -> Void)? in
                if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
                if !state.fired { state.cancelledEarly.insert(id) }
                return nil
            }
            waiter?()
        }
    }

    /// Runs `body` until it finishes or the signal fires; returns nil when stopped first.
    func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T? {
        // One task for the body; the signal cancels it, so no second task waits for the signal.
        let task = Task { await body() }
        let id = state.withLock { state -> UInt64? in
            guard !state.fired else { return nil }
            state.nextID += 1
            state.waiters[state.nextID] = { task.cancel() }
            return state.nextID
        }
        if id == nil { task.cancel() }
        let value = await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
        let fired = state.withLock { state in
            guard let id else { return true }
            return state.waiters.removeValue(forKey: id) == nil
        }
        return fired || Task.isCancelled ? nil : value
    }
}
