import Foundation
import ParleyCore
import ParleyStore
import Testing

@Suite("User state store (every implementation)")
struct UserStateStoreTests {
    /// An exchange that adds one to `count` in the user's data; returns the new count. With
    /// `finishing`, the turn finishes at once (inside the store's transaction); otherwise it
    /// needs time (its work runs outside one).
    @discardableResult
    func increment(
        _ store: any UserStateStore, mind: String = "demo", user: String, at time: Date = at(0), finishing: Bool = false
    ) async throws -> Int {
        @Sendable func add(_ record: UserRecord?) throws -> (UserUpdate, Int) {
            let count = try record.map { try JSONValue.parse($0.data)["count"]?.numberValue ?? -1000 } ?? 0
            let next = Int(count) + 1
            let update = UserUpdate(
                data: JSONValue.object(["count": .number(Double(next))]).jsonText(), lastActivity: time,
                exchange: Exchange(input: "add one", output: "\(next)", time: time))
            return (update, next)
        }
        return try await store.exchange(mind: mind, userID: user) { record -> ExchangeTurn<Int> in
            if finishing {
                let (update, next) = try add(record)
                return .finished(update, next)
            }
            return .needsTime {
                await Task.yield()
                return try add(record)
            }
        }
    }

    @Test(arguments: StoreKind.tested)
    func roundTripsRecordAndTranscript(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let first = try await store.exchange(mind: "demo", userID: "u-1") { record in
                #expect(record == nil)
                let update = UserUpdate(
                    data: #"{"seed":"00ff","v":1}"#, lastActivity: at(1_000),
                    exchange: Exchange(input: "[start]", output: "[head-nod] Hello.", time: at(1_000)))
                return (update, "stored")
            }
            #expect(first == "stored")

            let seen = try await store.exchange(mind: "demo", userID: "u-1") { record in
                let update = UserUpdate(
                    data: #"{"v":2}"#, lastActivity: at(2_500),
                    exchange: Exchange(input: "hello", output: "Hi again.", time: at(2_500)))
                return (update, record)
            }
            #expect(seen == UserRecord(data: #"{"seed":"00ff","v":1}"#, lastActivity: at(1_000)))

            let transcript = try await store.transcript(mind: "demo", userID: "u-1", after: nil, limit: 10)
            #expect(transcript.map(\.input) == ["[start]", "hello"])
            #expect(transcript.map(\.output) == ["[head-nod] Hello.", "Hi again."])
            #expect(transcript.map(\.time) == [at(1_000), at(2_500)])
            #expect(transcript.allSatisfy { $0.mind == "demo" && $0.userID == "u-1" })
        }
    }

    @Test(arguments: StoreKind.tested)
    func storesNothingWhenTheBodyFails(_ kind: StoreKind) async throws {
        struct Refused: Error {}
        try await withStore(kind) { store in
            try await increment(store, user: "u")
            await #expect(throws: Refused.self) {
                try await store.exchange(mind: "demo", userID: "u") { _ -> (UserUpdate, Void) in throw Refused() }
            }
            #expect(try await increment(store, user: "u") == 2)
            #expect(try await store.transcript(mind: nil, userID: "u", after: nil, limit: 10).count == 2)
        }
    }

    @Test(arguments: StoreKind.tested)
    func storesNothingWhenAFinishingTurnFails(_ kind: StoreKind) async throws {
        struct Refused: Error {}
        try await withStore(kind) { store in
            try await increment(store, user: "u", finishing: true)
            await #expect(throws: Refused.self) {
                try await store.exchange(mind: "demo", userID: "u") { _ -> ExchangeTurn<Void> in throw Refused() }
            }
            #expect(try await increment(store, user: "u", finishing: true) == 2)
            #expect(try await store.transcript(mind: nil, userID: "u", after: nil, limit: 10).map(\.output) == ["1", "2"])
        }
    }

    @Test(arguments: StoreKind.tested)
    func serialisesConcurrentExchangesForOneUser(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let results = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<50 { group.addTask { try await increment(store, user: "busy", finishing: index % 2 == 0) } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(results.sorted() == Array(1...50))
            #expect(try await increment(store, user: "busy") == 51)
            #expect(try await store.transcript(mind: "demo", userID: "busy", after: nil, limit: 100).count == 51)
        }
    }

    @Test(arguments: StoreKind.tested)
    func loseNoUpdateAcrossSeparateHandles(_ kind: StoreKind) async throws {
        try await withStores(kind, count: 2) { stores in
            let results = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<50 {
                    group.addTask { try await increment(stores[index % 2], user: "shared", finishing: index % 3 == 0) }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(results.sorted() == Array(1...50))
            #expect(try await stores[0].transcript(mind: nil, userID: "shared", after: nil, limit: 100).count == 50)
        }
    }

    @Test("each handle's turn sees what the other stored, alternating", arguments: StoreKind.tested)
    func alternatingHandlesSeeEachOthersWrites(_ kind: StoreKind) async throws {
        try await withStores(kind, count: 2) { stores in
            var counts: [Int] = []
            for turn in 1...6 {
                counts.append(try await increment(stores[turn % 2], user: "alternating", finishing: turn % 3 == 0))
            }
            #expect(counts == Array(1...6))
        }
    }

    @Test("a user erased through one handle starts anew through the other, none of the old state back",
          arguments: StoreKind.tested)
    func erasedThroughAnotherHandle(_ kind: StoreKind) async throws {
        try await withStores(kind, count: 2) { stores in
            for _ in 1...3 { _ = try await increment(stores[0], user: "gone") }
            try await stores[1].eraseUser("gone")
            #expect(try await increment(stores[0], user: "gone") == 1)
            #expect(try await increment(stores[1], user: "gone") == 2)
            #expect(try await stores[0].transcript(mind: nil, userID: "gone", after: nil, limit: 10).map(\.output) == ["1", "2"])
        }
    }

    @Test("a user erased and started again through one handle is seen as started again through the other",
          arguments: StoreKind.tested)
    func startedAgainAfterAnErase(_ kind: StoreKind) async throws {
        /// Stores `data` for the user; answers the data the turn saw.
        @Sendable func put(_ store: AnyStore, _ data: String) async throws -> String? {
            try await store.exchange(mind: "demo", userID: "again") { record -> ExchangeTurn<String?> in
                let update = UserUpdate(data: data, lastActivity: at(0), exchange: Exchange(input: data, output: "", time: at(0)))
                return .finished(update, record?.data)
            }
        }
        try await withStores(kind, count: 2) { stores in
            #expect(try await put(stores[0], "{\"who\":\"first\"}") == nil)
            try await stores[1].eraseUser("again")
            #expect(try await put(stores[1], "{\"who\":\"second\"}") == nil)
            // The first handle stored the user once, as the second did after the erase: both
            // writes were a user's first, and neither may be mistaken for the other.
            #expect(try await put(stores[0], "{\"who\":\"third\"}") == "{\"who\":\"second\"}")
        }
    }

    @Test("work that calls out runs once, on what the other handle stored before the exchange began",
          arguments: StoreKind.tested)
    func workRunsOnceOnTheStoredRecord(_ kind: StoreKind) async throws {
        actor Calls {
            var count = 0
            func add() { count += 1 }
        }
        try await withStores(kind, count: 2) { stores in
            _ = try await increment(stores[0], user: "worker")
            _ = try await increment(stores[1], user: "worker")
            let calls = Calls()
            let seen = try await stores[0].exchange(mind: "demo", userID: "worker") { record -> ExchangeTurn<String> in
                .needsTime {
                    await calls.add()
                    let data = record?.data ?? ""
                    return (UserUpdate(data: data, lastActivity: at(0), exchange: Exchange(input: "work", output: "", time: at(0))), data)
                }
            }
            #expect(await calls.count == 1)
            #expect(try JSONValue.parse(seen)["count"] == 2)
        }
    }

    @Test("a turn that fails on what one handle last stored runs again on what the other stored since",
          arguments: StoreKind.tested)
    func failingTurnOnAStaleRecordRunsAgain(_ kind: StoreKind) async throws {
        try await withStores(kind, count: 2) { stores in
            _ = try await increment(stores[0], user: "moved")
            _ = try await increment(stores[1], user: "moved")
            struct NotTheLatest: Error {}
            let seen = try await stores[0].exchange(mind: "demo", userID: "moved") { record -> ExchangeTurn<String> in
                guard let record, record.data.contains("2") else { throw NotTheLatest() }
                let update = UserUpdate(data: record.data, lastActivity: at(0), exchange: Exchange(input: "peek", output: "", time: at(0)))
                return .finished(update, record.data)
            }
            #expect(try JSONValue.parse(seen)["count"] == 2)
        }
    }

    @Test(arguments: StoreKind.tested)
    func keepsUsersAndMindsApart(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<5 { group.addTask { try await increment(store, mind: "demo", user: "ann") } }
                for _ in 0..<3 { group.addTask { try await increment(store, mind: "demo", user: "ben") } }
                for _ in 0..<2 { group.addTask { try await increment(store, mind: "quiz", user: "ann") } }
                try await group.waitForAll()
            }
            #expect(try await increment(store, mind: "demo", user: "ann") == 6)
            #expect(try await increment(store, mind: "demo", user: "ben") == 4)
            #expect(try await increment(store, mind: "quiz", user: "ann") == 3)
            #expect(try await store.transcript(mind: "quiz", userID: "ann", after: nil, limit: 100).count == 3)
            #expect(try await store.transcript(mind: nil, userID: "ann", after: nil, limit: 100).count == 9)
        }
    }

    @Test(arguments: StoreKind.tested)
    func pagesThroughATranscriptOldestFirst(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            for index in 1...7 { try await increment(store, user: "pager", at: at(Int64(index))) }
            try await increment(store, mind: "quiz", user: "pager", at: at(100))
            try await increment(store, user: "someone-else")

            var outputs: [String] = []
            var after: Int64?
            while true {
                let page = try await store.transcript(mind: "demo", userID: "pager", after: after, limit: 3)
                guard let last = page.last else { break }
                #expect(page.count <= 3)
                outputs += page.map(\.output)
                after = last.id
            }
            #expect(outputs == (1...7).map(String.init))
            let everyMind = try await store.transcript(mind: nil, userID: "pager", after: nil, limit: 100)
            #expect(everyMind.map(\.mind) == Array(repeating: "demo", count: 7) + ["quiz"])
        }
    }

    @Test(arguments: StoreKind.tested)
    func erasesAUserInEveryMind(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await increment(store, mind: "demo", user: "gone")
            try await increment(store, mind: "quiz", user: "gone")
            try await increment(store, mind: "demo", user: "kept")

            try await store.eraseUser("gone")
            #expect(try await store.transcript(mind: nil, userID: "gone", after: nil, limit: 10).isEmpty)
            #expect(try await increment(store, mind: "demo", user: "gone") == 1)
            #expect(try await increment(store, mind: "quiz", user: "gone") == 1)
            #expect(try await increment(store, mind: "demo", user: "kept") == 2)
            #expect(try await store.transcript(mind: nil, userID: "kept", after: nil, limit: 10).count == 2)
        }
    }

    @Test(arguments: StoreKind.tested)
    func erasesExchangesOlderThanTheRetention(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            for second in 1...5 { try await increment(store, user: "old", at: at(Int64(second) * 1000)) }
            try await increment(store, user: "other", at: at(1000))

            #expect(try await store.eraseExchanges(olderThan: at(3000)) == 3)
            let left = try await store.transcript(mind: nil, userID: "old", after: nil, limit: 10)
            #expect(left.map(\.time) == [at(3000), at(4000), at(5000)])
            #expect(try await store.transcript(mind: nil, userID: "other", after: nil, limit: 10).isEmpty)
            #expect(try await increment(store, user: "old") == 6)  // the state itself is kept
            #expect(try await store.eraseExchanges(olderThan: at(0)) == 0)
        }
    }
}
