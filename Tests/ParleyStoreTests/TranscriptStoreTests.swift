import Foundation
import ParleyCore
import ParleyStore
import Testing

@Suite("Transcript store (every implementation)")
struct TranscriptStoreTests {
    @Test(arguments: StoreKind.tested)
    func roundTripsMessagesAndResults(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let records = [
                message("hello", people: ["alice", "bob"], at: at(1)),
                message(
                    "", people: ["alice", "bob"], speaker: "World",
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
    }

    @Test(arguments: StoreKind.tested)
    func returnsOldestFirstWithTiesInArrivalOrder(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.append([message("third", at: at(30)), message("first", at: at(10))])
            try await store.append([message("second-a", at: at(20)), message("second-b", at: at(20))])
            let texts = try await store.messages(since: nil).map(\.text)
            #expect(texts == ["first", "second-a", "second-b", "third"])
        }
    }

    @Test(arguments: StoreKind.tested)
    func sinceKeepsRecordsAtOrAfterTheTime(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.append((0..<5).map { message("m\($0)", at: at(Int64($0) * 1000)) })
            #expect(try await store.messages(since: at(2000)).map(\.text) == ["m2", "m3", "m4"])
            #expect(try await store.messages(since: at(2001)).map(\.text) == ["m3", "m4"])
            try await store.saveResult(WorldResult(worldID: "w", task: "t", world: "W", people: [], data: 1, time: at(5)))
            try await store.saveResult(WorldResult(worldID: "w", task: "t", world: "W", people: [], data: 2, time: at(9)))
            #expect(try await store.results(since: at(6)).map(\.data) == [2])
        }
    }

    @Test(arguments: StoreKind.tested)
    func pagesThroughMessagesWithoutGapsOrRepeats(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
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
            let whole = try await store.messages(since: nil, after: nil, limit: 7)
            #expect(whole.records.count == 7 && whole.next == nil)
            let later = try await store.messages(since: at(2), after: nil, limit: 10)
            #expect(later.records.map(\.text) == ["m4", "m5", "m6"])
        }
    }

    @Test(arguments: StoreKind.tested)
    func takesConcurrentAppendsFromManyTasks(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
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
    }
}
