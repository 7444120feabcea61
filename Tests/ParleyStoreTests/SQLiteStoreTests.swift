import Foundation
import GRDB
import ParleyCore
import ParleyStore
import Testing

@Suite("SQLite transcript store")
struct SQLiteStoreTests {
    @Test func roundTripsMessagesAndResults() async throws {
        let store = try SQLiteStore.temporary()
        let records = [
            message("hello", people: ["alice", "bob"], at: at(1)),
            message("", people: ["alice", "bob"], speaker: "World",
                    payload: ["type": "image", "data": "AAAA", "size": 3, "tags": [true, nil, 1.5]], at: at(2)),
        ]
        try await store.append(records)
        #expect(try await store.messages(since: nil) == records)

        let result = WorldResult(
            worldID: "w1", task: "qa", world: "QADataCollectionWorld", people: ["alice"],
            data: ["question": "Why?", "answer": "Because."], time: at(3))
        try await store.saveResult(result)
        #expect(try await store.results(since: nil) == [result])
    }

    @Test func returnsOldestFirstWithTiesInArrivalOrder() async throws {
        let store = try SQLiteStore.temporary()
        try await store.append([message("third", at: at(30)), message("first", at: at(10))])
        try await store.append([message("second-a", at: at(20)), message("second-b", at: at(20))])
        let texts = try await store.messages(since: nil).map(\.text)
        #expect(texts == ["first", "second-a", "second-b", "third"])
    }

    @Test func sinceKeepsMessagesAtOrAfterTheTime() async throws {
        let store = try SQLiteStore.temporary()
        try await store.append((0..<5).map { message("m\($0)", at: at(Int64($0) * 1000)) })
        #expect(try await store.messages(since: at(2000)).map(\.text) == ["m2", "m3", "m4"])
        #expect(try await store.messages(since: at(2001)).map(\.text) == ["m3", "m4"])
        try await store.saveResult(WorldResult(worldID: "w", task: "t", world: "W", people: [], data: 1, time: at(5)))
        try await store.saveResult(WorldResult(worldID: "w", task: "t", world: "W", people: [], data: 2, time: at(9)))
        #expect(try await store.results(since: at(6)).map(\.data) == [2])
    }

    @Test func pagesThroughMessagesWithoutGapsOrRepeats() async throws {
        let store = try SQLiteStore.temporary()
        let records = (0..<7).map { message("m\($0)", at: at(Int64($0 / 2))) }  // pairs share a time
        try await store.append(records)
        var seen: [MessageRecord] = []
        var cursor: MessageCursor?
        var pages = 0
        repeat {
            let page = try await store.messages(since: nil, after: cursor, limit: 3)
            seen += page.records
            cursor = page.next
            pages += 1
        } while cursor != nil
        #expect(seen == records)
        #expect(pages == 3)
        let exact = try await store.messages(since: nil, after: nil, limit: 7)
        #expect(exact.records.count == 7 && exact.next == nil)
    }

    @Test func erasesEveryRecordAPersonTookPartIn() async throws {
        let store = try SQLiteStore.temporary()
        try await store.append([
            message("a and b", world: "w1", people: ["alice", "bob"], speaker: "bob", at: at(1)),
            message("b alone", world: "w2", people: ["bob"], speaker: "bob", at: at(2)),
            message("said by alice", world: "w3", people: [], speaker: "alice", at: at(3)),
            message("carol", world: "w4", people: ["carol"], speaker: "World", at: at(4)),
        ])
        try await store.saveResult(WorldResult(worldID: "w1", task: "t", world: "W", people: ["alice", "bob"], data: 1, time: at(5)))
        try await store.saveResult(WorldResult(worldID: "w2", task: "t", world: "W", people: ["bob"], data: 2, time: at(6)))

        try await store.erasePerson("alice")
        #expect(try await store.messages(since: nil).map(\.text) == ["b alone", "carol"])
        #expect(try await store.results(since: nil).map(\.data) == [2])

        try await store.erasePerson("bob")
        #expect(try await store.messages(since: nil).map(\.text) == ["carol"])
        #expect(try await store.results(since: nil).isEmpty)
    }

    @Test func keepsEverythingAfterCloseAndReopen() async throws {
        let path = try temporaryDirectory().appendingPathComponent("parley.sqlite").path
        let records = (0..<20).map { message("m\($0)", at: at(Int64($0))) }
        let store = try SQLiteStore(path: path)
        try await store.append(records)
        try await store.saveResult(WorldResult(worldID: "w", task: "t", world: "W", people: ["alice"], data: "kept", time: at(1)))
        try store.close()

        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.messages(since: nil) == records)
        #expect(try await reopened.results(since: nil).map(\.data) == ["kept"])
    }

    @Test func takesConcurrentAppendsFromManyTasks() async throws {
        let store = try SQLiteStore.temporary()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<40 {
                group.addTask {
                    for index in 0..<10 {
                        try await store.append([message("\(task)-\(index)", world: "w\(task)", at: at(Int64(index)))])
                    }
                }
            }
            try await group.waitForAll()
        }
        let stored = try await store.messages(since: nil)
        #expect(stored.count == 400)
        for task in 0..<40 {
            #expect(stored.filter { $0.worldID == "w\(task)" }.map(\.text) == (0..<10).map { "\(task)-\($0)" })
        }
    }

    @Test func refusesAFileThatIsNotSQLiteWithoutChangingIt() throws {
        let path = try temporaryDirectory().appendingPathComponent("notes.txt").path
        let content = Data(String(repeating: "these are not the rows you are looking for\n", count: 200).utf8)
        try content.write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error.kind == .notAParleyStore)
        #expect(error.location == path)
        #expect(error.description.contains(path))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
    }

    @Test func refusesAnotherApplicationsDatabaseWithoutChangingIt() throws {
        let path = try temporaryDirectory().appendingPathComponent("other.sqlite").path
        let other = try DatabaseQueue(path: path)
        try other.write { db in
            try db.execute(sql: "CREATE TABLE message (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO message (body) VALUES ('x')")
        }
        try other.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let error = try #require(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error.kind == .notAParleyStore)
        #expect(error.description.contains(path))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func refusesAStoreFromANewerParley() async throws {
        let path = try temporaryDirectory().appendingPathComponent("parley.sqlite").path
        let store = try SQLiteStore(path: path)
        try await store.append([message("kept", at: at(1))])
        try store.close()
        let raw = try DatabaseQueue(path: path)
        try await raw.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999-from-the-future')") }
        try raw.close()

        let error = try #require(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error.kind == .newerSchema)
        #expect(error.description.contains(path))
    }

    @Test func reportsAPathThatCannotBeOpened() throws {
        let path = try temporaryDirectory().appendingPathComponent("missing/deeper/parley.sqlite").path
        let error = try #require(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error.kind == .cannotOpen)
        #expect(error.description.contains(path))
    }

    @Test func opensAnEmptyFileAsANewStore() async throws {
        let path = try temporaryDirectory().appendingPathComponent("empty.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try SQLiteStore(path: path)
        try await store.append([message("first", at: at(1))])
        #expect(try await store.messages(since: nil).count == 1)
    }
}
