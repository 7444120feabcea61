import Foundation
import ParleyServer
import ParleyStore
import Testing

/// A store that reports every `eraseExchanges` call and its count, so tests wait for sweeps
/// instead of sleeping.
struct SweepReportingStore: UserStateStore {
    let base: any UserStateStore
    let sweeps: AsyncStream<Int>
    private let continuation: AsyncStream<Int>.Continuation

    init(_ base: any UserStateStore) {
        self.base = base
        (sweeps, continuation) = AsyncStream.makeStream(of: Int.self)
    }

    func exchange<T: Sendable>(
        mind: String, userID: String, turn: @escaping @Sendable (UserRecord?) throws -> ExchangeTurn<T>
    ) async throws -> T {
        try await base.exchange(mind: mind, userID: userID, turn: turn)
    }

    func transcript(mind: String?, userID: String, after: Int64?, limit: Int) async throws -> [LoggedExchange] {
        try await base.transcript(mind: mind, userID: userID, after: after, limit: limit)
    }

    func exchanges(since: Date?, after: Int64?, limit: Int) async throws -> [LoggedExchange] {
        try await base.exchanges(since: since, after: after, limit: limit)
    }

    func logExchange(mind: String, userID: String, _ exchange: Exchange) async throws {
        try await base.logExchange(mind: mind, userID: userID, exchange)
    }

    func eraseUser(_ userID: String) async throws {
        try await base.eraseUser(userID)
    }

    func eraseExchanges(olderThan date: Date) async throws -> Int {
        let erased = try await base.eraseExchanges(olderThan: date)
        continuation.yield(erased)
        return erased
    }
}

@Suite("Reply API: --retain-days")
struct ReplyAPIRetentionTests {
    @Test("exchanges older than the retention period are erased at start and again at each interval")
    func erasesOldExchanges() async throws {
        let clock = ReplyAPITestClock()
        let sqlite = try SQLiteStore.temporary()
        let store = SweepReportingStore(sqlite)
        let (old, recent) = (uniqueUserID("old"), uniqueUserID("recent"))
        for (user, daysAgo) in [(old, 40.0), (recent, 1.0)] {
            let time = clock.read().addingTimeInterval(-daysAgo * 86_400)
            _ = try await sqlite.exchange(mind: "demo", userID: user) { _ in
                (UserUpdate(data: "{}", lastActivity: time, exchange: Exchange(input: "hi", output: "hello", time: time)), 0)
            }
        }
        let server = try await ReplyServer.start(
            options: ReplyAPIOptions(
                clock: clock.read, retainDays: 30, retentionInterval: .milliseconds(20)),
            store: store)
        var sweeps = store.sweeps.makeAsyncIterator()
        #expect(await sweeps.next() == 1, "the sweep at start erases the 40-day-old exchange")
        try await server.withClient { client async throws in
            #expect(try await client.send("/users/\(old)/transcript").exchanges?.count == 0)
            #expect(try await client.send("/users/\(recent)/transcript").exchanges?.count == 1)
        }
        clock.advance(minutes: 30 * 24 * 60)
        while let erased = await sweeps.next(), erased == 0 {}
        try await server.withClient { client async throws in
            #expect(try await client.send("/users/\(recent)/transcript").exchanges?.count == 0)
        }
        try await server.stop()
        try sqlite.close()
    }
}
