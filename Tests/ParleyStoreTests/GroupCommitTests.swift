import Dispatch
import Foundation
import GRDB
@testable import ParleyStore
import Testing

@Suite("Group commit: concurrent exchanges share a transaction")
struct GroupCommitTests {
    struct Refused: Error {}

    /// Counts commits on the pool's writer.
    final class CommitCounter: TransactionObserver, @unchecked Sendable {
        // Read after the writes below have finished; written only on the writer queue.
        var commits = 0
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) { commits += 1 }
        func databaseDidRollback(_ db: Database) {}
    }

    static func pool() throws -> DatabasePool {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-group-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: directory.appendingPathComponent("test.sqlite").path)
        try pool.write { db in try db.execute(sql: "CREATE TABLE row (name TEXT NOT NULL)") }
        return pool
    }

    /// While the writer is busy, `jobs` writes line up; the writer is then let go and the
    /// writes run. Returns each job's result and the commits they took.
    static func lineUp(
        _ jobs: Int, on pool: DatabasePool, _ work: @escaping @Sendable (Int, Database) throws -> Void
    ) async throws -> (results: [Int: Result<Void, any Error>], commits: Int) {
        let (waiting, waitingContinuation) = AsyncStream.makeStream(of: Int.self)
        let group = GroupCommit(pool: pool, onWaiting: { waitingContinuation.yield($0) })
        let counter = CommitCounter()
        let gate = DispatchSemaphore(value: 0)
        pool.asyncWriteWithoutTransaction { db in
            db.add(transactionObserver: counter)
            gate.wait()
        }
        return try await withThrowingTaskGroup(of: (Int, Result<Void, any Error>).self) { tasks in
            for index in 0..<jobs {
                tasks.addTask {
                    do {
                        try await group.write { db in try work(index, db) }
                        return (index, .success(()))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            for await count in waiting where count == jobs { break }
            gate.signal()
            var results: [Int: Result<Void, any Error>] = [:]
            for try await (index, result) in tasks { results[index] = result }
            let commits = try await pool.write { _ in counter.commits }
            return (results, commits)
        }
    }

    @Test("jobs waiting together are committed together, and all are stored")
    func waitingJobsShareACommit() async throws {
        let pool = try Self.pool()
        let (results, commits) = try await Self.lineUp(40, on: pool) { index, db in
            try db.execute(sql: "INSERT INTO row (name) VALUES (?)", arguments: ["job \(index)"])
        }
        #expect(results.count == 40)
        #expect(results.values.allSatisfy { (try? $0.get()) != nil })
        #expect(commits == 1)
        #expect(try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM row") } == 40)
    }

    @Test("a batch holds at most maximumJobs jobs")
    func batchesAreBounded() async throws {
        let pool = try Self.pool()
        let (results, commits) = try await Self.lineUp(600, on: pool) { index, db in
            try db.execute(sql: "INSERT INTO row (name) VALUES (?)", arguments: ["job \(index)"])
        }
        #expect(results.count == 600)
        #expect(commits == 3)
    }

    @Test("a job that throws undoes only its own writes; the others in its transaction are stored")
    func aFailingJobUndoesOnlyItself() async throws {
        let pool = try Self.pool()
        let (results, _) = try await Self.lineUp(10, on: pool) { index, db in
            try db.execute(sql: "INSERT INTO row (name) VALUES (?)", arguments: ["job \(index)"])
            if index == 4 { throw Refused() }
        }
        #expect(results.filter { (try? $0.value.get()) == nil }.map(\.key) == [4])
        let names = try await pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM row") }
        #expect(Set(names) == Set((0..<10).filter { $0 != 4 }.map { "job \($0)" }))
    }

    @Test("when the shared transaction cannot commit, every job in it gets the error and nothing is stored")
    func aFailedCommitFailsEveryJob() async throws {
        let pool = try Self.pool()
        // A deferred foreign key broken by one job makes the COMMIT itself fail.
        try await pool.write { db in
            try db.execute(sql: """
                CREATE TABLE parent (id INTEGER PRIMARY KEY);
                CREATE TABLE child (parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
                """)
        }
        let (results, _) = try await Self.lineUp(5, on: pool) { index, db in
            try db.execute(sql: "INSERT INTO row (name) VALUES (?)", arguments: ["job \(index)"])
            if index == 2 { try db.execute(sql: "INSERT INTO child (parent) VALUES (99)") }
        }
        #expect(results.count == 5)
        #expect(results.values.allSatisfy { (try? $0.get()) == nil })
        #expect(try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM row") } == 0)
    }
}
