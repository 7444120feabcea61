import Foundation
import Testing

@testable import ParleyStore

/// The saved state of restorable worlds: kept, replaced, listed oldest first, forgotten when the
/// world ends, and erased with a person of the world.
@Suite struct WorldRunStoreTests {
    @Test(arguments: StoreKind.tested)
    func savedRunsAreReplacedListedAndDeleted(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            try await store.saveWorldRun(SavedWorldRun(id: "w1", server: "a", people: ["ann"], body: #"{"step":1}"#, saved: start), records: [])
            try await store.saveWorldRun(SavedWorldRun(id: "w2", server: "a", people: ["bob", "cy"], body: #"{"step":1}"#, saved: start + 1), records: [])
            // A later save of w1 replaces the first and is now the newest; its messages are stored with it.
            let said = MessageRecord(
                worldID: "w1", task: "echo", world: "EchoWorld", people: ["ann"], speaker: "ann", text: "hello", payload: nil,
                time: start + 2)
            try await store.saveWorldRun(SavedWorldRun(id: "w1", server: "a", people: ["ann"], body: #"{"step":2}"#, saved: start + 2), records: [said])
            #expect(try await store.messages(since: nil) == [said])
            #expect(try await store.worldRuns(server: "a") == [
                SavedWorldRun(id: "w2", server: "a", people: ["bob", "cy"], body: #"{"step":1}"#, saved: start + 1),
                SavedWorldRun(id: "w1", server: "a", people: ["ann"], body: #"{"step":2}"#, saved: start + 2),
            ])
            // Another server's worlds are its own to restore.
            try await store.saveWorldRun(SavedWorldRun(id: "w9", server: "b", people: ["dee"], body: "{}", saved: start), records: [])
            #expect(try await store.worldRuns(server: "b").map(\.id) == ["w9"])
            try await store.deleteWorldRun(id: "w2")
            try await store.deleteWorldRun(id: "gone")
            #expect(try await store.worldRuns(server: "a").map(\.id) == ["w1"])
        }
    }

    @Test(arguments: StoreKind.tested)
    func erasingAPersonErasesTheSavedWorldsTheyAreIn(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            try await store.saveWorldRun(SavedWorldRun(id: "w1", server: "a", people: ["ann", "bob"], body: "{}", saved: now), records: [])
            try await store.saveWorldRun(SavedWorldRun(id: "w2", server: "a", people: ["bob"], body: "{}", saved: now), records: [])
            try await store.saveWorldRun(SavedWorldRun(id: "w3", server: "a", people: ["annabel"], body: "{}", saved: now), records: [])
            let report = try await store.erasePerson("ann", actor: "test")
            #expect(report.rows["saved_worlds"] == 1)
            #expect(try await store.worldRuns(server: "a").map(\.id).sorted() == ["w2", "w3"])
        }
    }
}
