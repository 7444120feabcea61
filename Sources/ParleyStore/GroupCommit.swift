import GRDB
import Synchronization

/// Runs write jobs on a database pool's writer in shared transactions: every job waiting when
/// the writer gets to them joins one transaction, so many concurrent jobs cost one `BEGIN`, one
/// `COMMIT` and one sync to disk instead of one each. Each job runs in its own savepoint, so a
/// job that throws undoes only its own writes, and each caller is answered only once the
/// commit holding its job is durable.
final class GroupCommit: Sendable {
    /// One waiting job: `run` does its work inside the shared transaction and returns how to
    /// answer its caller after the commit; `fail` answers it when the transaction fails.
    private struct Job: Sendable {
        let run: @Sendable (Database) -> @Sendable () -> Void
        let fail: @Sendable (any Error) -> Void
    }

    private struct State {
        var waiting: [Job] = []
        /// Whether the writer has a drain queued or running, which will take new jobs too.
        var draining = false
    }

    private let pool: DatabasePool
    /// The most jobs in one transaction, so that one commit never waits on an unbounded batch.
    private let maximumJobs: Int
    private let state = Mutex(State())
    /// Told how many jobs wait after each one joins them (for tests that line jobs up).
    private let onWaiting: (@Sendable (Int) -> Void)?

    init(pool: DatabasePool, maximumJobs: Int = 256, onWaiting: (@Sendable (Int) -> Void)? = nil) {
        self.pool = pool
        self.maximumJobs = maximumJobs
        self.onWaiting = onWaiting
    }

    /// Runs `work` inside a savepoint of the next shared write transaction and returns its
    /// value once that transaction is committed. When `work` throws, its savepoint is rolled
    /// back and the error is thrown here; the other jobs are not affected.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(
                run: { db in
                    do {
                        var value: T?
                        try db.inSavepoint {
                            value = try work(db)
                            return .commit
                        }
                        // `inSavepoint` returns only after running the block, which set the value.
                        let result = value!
                        return { continuation.resume(returning: result) }
                    } catch {
                        return { continuation.resume(throwing: error) }
                    }
                },
                fail: { error in continuation.resume(throwing: error) })
            let (startsDrain, waiting) = state.withLock { state in
                state.waiting.append(job)
                defer { state.draining = true }
                return (!state.draining, state.waiting.count)
            }
            onWaiting?(waiting)
            if startsDrain {
                pool.asyncWriteWithoutTransaction { db in self.drain(db) }
            }
        }
    }

    /// Commits the waiting jobs in batches until none is left.
    private func drain(_ db: Database) {
        while true {
            let jobs = state.withLock { state -> [Job] in
                guard !state.waiting.isEmpty else {
                    state.draining = false
                    return []
                }
                let count = min(state.waiting.count, maximumJobs)
                let batch = Array(state.waiting[..<count])
                state.waiting.removeFirst(count)
                return batch
            }
            guard !jobs.isEmpty else { return }
            var answers: [@Sendable () -> Void] = []
            answers.reserveCapacity(jobs.count)
            do {
                try db.inTransaction(.immediate) {
                    for job in jobs { answers.append(job.run(db)) }
                    return .commit
                }
            } catch {
                for job in jobs { job.fail(error) }
                continue
            }
            for answer in answers { answer() }
        }
    }
}
