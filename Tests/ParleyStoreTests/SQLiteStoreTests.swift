import Foundation
import GRDB
import ParleyCore
@testable import ParleyStore
import Testing

@Suite("SQLite store files")
struct SQLiteStoreTests {
    @Test func keepsEverythingAfterCloseAndReopen() async throws {
        let path = try temporaryDirectory().appendingPathComponent("parley.sqlite").path
        let records = (0..<20).map { message("m\($0)", at: at(Int64($0))) }
        let store = try SQLiteStore(path: path)
        try await store.append(records)
        try await store.saveResult(WorldResult(worldID: "w", task: "t", world: "W", people: ["alice"], data: "kept", time: at(1)))
        _ = try await store.exchange(mind: "demo", userID: "u") { _ in
            (UserUpdate(data: #"{"v":1}"#, lastActivity: at(5), exchange: Exchange(input: "i", output: "o", time: at(5))), ())
        }
        try store.close()

        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.messages(since: nil) == records)
        #expect(try await reopened.results(since: nil).map(\.data) == ["kept"])
        let record = try await reopened.exchange(mind: "demo", userID: "u") { record in
            (UserUpdate(data: "{}", lastActivity: at(6), exchange: Exchange(input: "i", output: "o", time: at(6))), record)
        }
        #expect(record == UserRecord(data: #"{"v":1}"#, lastActivity: at(5)))
        #expect(try await reopened.transcript(mind: "demo", userID: "u", after: nil, limit: 10).count == 2)
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

    /// A store written before conversations were kept (schema v3) gets one for each world it holds.
    @Test func aStoreFromBeforeConversationsGetsThemFromItsMessagesAndResults() async throws {
        let path = try temporaryDirectory().appendingPathComponent("parley.sqlite").path
        let old = try DatabaseQueue(path: path)
        try SQLiteStore.migrator.migrate(old, upTo: "v3")
        try await old.write { db in
            try db.execute(sql: """
                INSERT INTO message (world_id, task, world, people, speaker, text, time_us) VALUES
                    ('w1', 'chat', 'ChatWorld', '["ann","bob"]', 'ann', 'hi', 1000000),
                    ('w1', 'chat', 'ChatWorld', '["ann","bob"]', 'bob', 'hello', 5000000),
                    ('m', 'overworld', 'Menu', '["ann"]', 'World', 'menu', 500000);
                INSERT INTO world_result (world_id, task, world, people, data, time_us) VALUES
                    ('r', 'survey', 'SurveyWorld', '["cy"]', '{"a":1}', 9000000);
                """)
        }
        try old.close()
        let store = try SQLiteStore(path: path)
        let all = try await store.conversations(ConversationQuery(roles: Set(ConversationRecord.Role.allCases)))
        #expect(all.map(\.worldID) == ["m", "w1", "r"])
        #expect(all[0].role == .overworld && all[1].role == .task)
        #expect(all[1].personIDs == ["ann", "bob"] && all[1].started == Date(timeIntervalSince1970: 1) && all[1].ended == Date(timeIntervalSince1970: 5))
        #expect(all[1].ending == nil)
        #expect(try await store.conversations(ConversationQuery(personID: "cy")).map(\.worldID) == ["r"])
        #expect(try await store.knownPeople() == ["ann", "bob", "cy"])
        try store.close()
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
