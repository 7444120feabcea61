import Foundation
import ParleyStore
import Testing

@Suite("Event ledger (every implementation)")
struct EventLedgerTests {
    @Test(arguments: StoreKind.tested)
    func recordsAnEventOnce(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.recordFirstSighting(service: "messenger", eventID: "m.1", at: at(1_000)))
            #expect(try await !store.recordFirstSighting(service: "messenger", eventID: "m.1", at: at(2_000)))
            #expect(try await store.recordFirstSighting(service: "messenger", eventID: "m.2", at: at(2_000)))
            #expect(try await store.recordFirstSighting(service: "other", eventID: "m.1", at: at(2_000)))
        }
    }

    @Test(arguments: StoreKind.tested)
    func concurrentSightingsAcrossHandlesCountOnce(_ kind: StoreKind) async throws {
        try await withStores(kind, count: 2) { stores in
            let firsts = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    group.addTask { try await stores[index % 2].recordFirstSighting(service: "messenger", eventID: "same", at: at(0)) }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(firsts.filter { $0 }.count == 1)
        }
    }

    @Test(arguments: StoreKind.tested)
    func forgetsOnlyOlderEvents(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            _ = try await store.recordFirstSighting(service: "messenger", eventID: "old", at: at(1_000))
            _ = try await store.recordFirstSighting(service: "messenger", eventID: "new", at: at(5_000))
            #expect(try await store.forgetEvents(olderThan: at(3_000)) == 1)
            #expect(try await store.recordFirstSighting(service: "messenger", eventID: "old", at: at(6_000)))
            #expect(try await !store.recordFirstSighting(service: "messenger", eventID: "new", at: at(6_000)))
        }
    }

    @Test func survivesReopeningTheFile() async throws {
        let path = try temporaryDirectory().appendingPathComponent("parley.sqlite").path
        let first = try SQLiteStore(path: path)
        #expect(try await first.recordFirstSighting(service: "messenger", eventID: "m.1", at: at(0)))
        try first.close()
        let second = try SQLiteStore(path: path)
        #expect(try await !second.recordFirstSighting(service: "messenger", eventID: "m.1", at: at(1)))
        try second.close()
    }
}
