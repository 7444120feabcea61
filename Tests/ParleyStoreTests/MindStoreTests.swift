import Foundation
import Testing

@testable import ParleyStore

/// The studio's minds and versions, the same on both stores (and across handles of one store).
struct MindStoreTests {
    private let time = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: StoreKind.tested)
    func draftsSaveInRevisionsAndStaleSavesAreRefused(_ kind: StoreKind) async throws {
        try await withStores(kind, count: 2) { stores in
            let created = try await stores[0].createStudioMind("pizza", source: "a", tests: "t", time: time)
            #expect(created.revision == 1)
            await #expect(throws: MindStoreError.nameTaken("pizza")) {
                _ = try await stores[1].createStudioMind("pizza", source: "b", tests: "t", time: time)
            }
            let saved = try await stores[1].saveDraft("pizza", source: "b", tests: "u", basedOn: 1, time: time)
            #expect(saved.revision == 2)
            // A save based on revision 1 comes too late: the answer carries the other's draft.
            await #expect(throws: MindStoreError.stale(current: saved)) {
                _ = try await stores[0].saveDraft("pizza", source: "c", tests: "t", basedOn: 1, time: time)
            }
            let forced = try await stores[0].saveDraft("pizza", source: "c", tests: "t", basedOn: nil, time: time)
            #expect(forced.revision == 3)
            #expect(try await stores[1].studioMind(named: "pizza")?.source == "c")
            await #expect(throws: MindStoreError.missing("pie")) {
                _ = try await stores[0].saveDraft("pie", source: "c", tests: "t", basedOn: nil, time: time)
            }
        }
    }

    @Test(arguments: StoreKind.tested)
    func versionsCountUpAndTheLastIsSuperseded(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            _ = try await store.createStudioMind("pizza", source: "a", tests: "", time: time)
            #expect(try await store.latestVersion(of: "pizza") == nil)
            let first = try await store.publish("pizza", source: "a", hash: "h1", time: time)
            let second = try await store.publish("pizza", source: "b", hash: "h2", time: time.addingTimeInterval(60))
            #expect(first.number == 1 && second.number == 2)
            let versions = try await store.versions(of: "pizza")
            #expect(versions.map(\.number) == [2, 1])
            #expect(versions[1].superseded == time.addingTimeInterval(60))
            #expect(versions[0].superseded == nil)
            #expect(try await store.version(1, of: "pizza")?.source == "a")
            #expect(try await store.latestVersion(of: "pizza")?.hash == "h2")
            #expect(try await store.studioMind(named: "pizza")?.latestVersion == 2)
            await #expect(throws: MindStoreError.missing("pie")) {
                _ = try await store.publish("pie", source: "a", hash: "h", time: time)
            }
        }
    }

    @Test(arguments: StoreKind.tested)
    func renameCarriesVersionsAndDeleteRemovesThem(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            _ = try await store.createStudioMind("pizza", source: "a", tests: "", time: time)
            _ = try await store.createStudioMind("pasta", source: "p", tests: "", time: time)
            _ = try await store.publish("pizza", source: "a", hash: "h1", time: time)
            await #expect(throws: MindStoreError.nameTaken("pasta")) { try await store.renameStudioMind("pizza", to: "pasta") }
            try await store.renameStudioMind("pizza", to: "pie")
            #expect(try await store.studioMind(named: "pizza") == nil)
            #expect(try await store.version(1, of: "pie")?.source == "a")
            #expect(try await store.studioMinds().map(\.name) == ["pasta", "pie"])
            try await store.deleteStudioMind("pie")
            #expect(try await store.versions(of: "pie").isEmpty)
            await #expect(throws: MindStoreError.missing("pie")) { try await store.deleteStudioMind("pie") }
        }
    }

    @Test(arguments: StoreKind.tested)
    func reviewReadsExchangesOfOneMindInTheRangeWithTheirRules(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            for (index, rule) in ["main.1", nil, "main.2"].enumerated() {
                try await store.logExchange(
                    mind: "pizza", userID: "",
                    Exchange(input: "in \(index)", output: "out", time: time.addingTimeInterval(Double(index)), rule: rule))
            }
            try await store.logExchange(mind: "other", userID: "", Exchange(input: "x", output: "y", time: time))
            let update = UserUpdate(
                data: "{}", lastActivity: time, exchange: Exchange(input: "stateful", output: "o", time: time.addingTimeInterval(5), rule: "main.9"))
            _ = try await store.exchange(mind: "pizza", userID: "joe") { _ in .finished(update, ()) }
            let reviewed = try await store.reviewedExchanges(
                mind: "pizza", since: time, until: time.addingTimeInterval(10), limit: 10)
            #expect(reviewed.map(\.input) == ["stateful", "in 2", "in 1", "in 0"])
            #expect(reviewed.map(\.rule) == ["main.9", "main.2", nil, "main.1"])
            let later = try await store.reviewedExchanges(mind: "pizza", since: time.addingTimeInterval(1.5), until: time.addingTimeInterval(3), limit: 10)
            #expect(later.map(\.input) == ["in 2"])
            #expect(try await store.transcript(mind: "pizza", userID: "joe", after: nil, limit: 5).first?.rule == "main.9")
        }
    }
}
