import Foundation
import ParleyStore
import Testing

@Suite("Event ledger (every implementation)")
struct EventLedgerTests {
    @Test(arguments: StoreKind.tested)
    func recordsAnEventOnce(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var firsts: [Bool] = []
            for (service, eventID) in [("messenger", "m.1"), ("messenger", "m.1"), ("messenger", "m.2"), ("other", "m.1")] {
                firsts.append(try await store.recordFirstSighting(service: service, eventID: eventID, at: at(1_000)))
            }
            #expect(firsts == [true, false, true, true])
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
            let forgotten = try await store.forgetEvents(olderThan: at(3_000))
            #expect(forgotten == 1)
            let old = try await store.recordFirstSighting(service: "messenger", eventID: "old", at: at(6_000))
            let new = try await store.recordFirstSighting(service: "messenger", eventID: "new", at: at(6_000))
            #expect(old && !new)
        }
    }

    @Test func survivesReopeningTheFile() async throws {
        let path = try temporaryDirectory().appendingPathComponent("parley.sqlite").path
        let first = try SQLiteStore(path: path)
        #expect(try await first.recordFirstSighting(service: "messenger", eventID: "m.1", at: at(0)) == true)
        try first.close()
        let second = try SQLiteStore(path: path)
        #expect(try await second.recordFirstSighting(service: "messenger", eventID: "m.1", at: at(1)) == false)
        try second.close()
    }
}
