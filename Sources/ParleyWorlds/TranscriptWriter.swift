import Logging
import ParleyStore
import Synchronization

/// Writes every world's message records to the transcript store in the background, in the order
/// they were recorded, many to a transaction: a world never waits on the disk to say something.
///
/// A writing task runs only while records wait, so an idle runtime holds none. `flush()` waits
/// until everything recorded so far is stored; the runtime flushes at the end of its shutdown. A
/// record's `whenStored` is called after the transaction holding it commits, never when it fails.
final class TranscriptWriter: Sendable {
    /// The most records written in one transaction.
    static let batchLimit = 256

    /// A record waiting to be written, and whom to tell once it is.
    private typealias Pending = (record: MessageRecord, whenStored: (@Sendable () -> Void)?)

    private struct State {
        var pending: [Pending] = []
        var isWriting = false
        var flushWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let store: any TranscriptStore
    private let logger: Logger
    private let state = Mutex(State())

    init(store: any TranscriptStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Queues `record` for writing; `whenStored` is called once it is in the store.
    func record(_ record: MessageRecord, whenStored: (@Sendable () -> Void)? = nil) {
        let startWriting = state.withLock { state in
            state.pending.append((record, whenStored))
            guard !state.isWriting else { return false }
            state.isWriting = true
            return true
        }
        // Detached: the writer needs none of the recording task's task-local values.
        if startWriting { Task.detached { await self.writePending() } }
    }

    /// Returns once every record queued before the call is in the store (or failed and was logged).
    func flush() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                guard state.isWriting else { return true }
                state.flushWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func writePending() async {
        while true {
            // Everything waiting is taken at once, so recording never waits behind a long queue.
            let (batch, waiters) = state.withLock { state -> ([Pending], [CheckedContinuation<Void, Never>]) in
                guard !state.pending.isEmpty else {
                    state.isWriting = false
                    defer { state.flushWaiters = [] }
                    return ([], state.flushWaiters)
                }
                defer { state.pending = [] }
                return (state.pending, [])
            }
            if batch.isEmpty {
                for waiter in waiters { waiter.resume() }
                return
            }
            for start in stride(from: 0, to: batch.count, by: Self.batchLimit) {
                let chunk = batch[start..<min(start + Self.batchLimit, batch.count)]
                do {
                    try await store.append(chunk.map(\.record))
                    for pending in chunk { pending.whenStored?() }
                } catch {
                    let awaited = chunk.count(where: { $0.whenStored != nil })
                    logger.error("could not store \(chunk.count) message records (\(awaited) never acknowledged): \(error)")
                }
            }
        }
    }
}
