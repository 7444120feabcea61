import Foundation
import PostgresNIO
import Testing

@testable import ParleyStore

@Suite("PostgreSQL store specifics", .enabled(if: PostgresTestDatabase.shouldRun, PostgresTestDatabase.skipReason))
struct PostgresStoreTests {
    @Test func keepsEverythingAcrossReconnects() async throws {
        try await PostgresTestDatabase.with { database in
            let first = try await PostgresStore.connect(url: database.url)
            try await first.append([message("kept", at: at(1))])
            _ = try await first.exchange(mind: "demo", userID: "u") { _ in
                (UserUpdate(data: "{}", lastActivity: at(2), exchange: Exchange(input: "i", output: "o", time: at(2))), ())
            }
            await first.close()

            let second = try await PostgresStore.connect(url: database.url)
            #expect(try await second.messages(since: nil).map(\.text) == ["kept"])
            let record = try await second.exchange(mind: "demo", userID: "u") { record in
                (UserUpdate(data: "{}", lastActivity: at(3), exchange: Exchange(input: "i", output: "o", time: at(3))), record)
            }
            #expect(record == UserRecord(data: "{}", lastActivity: at(2)))
            await second.close()
        }
    }

    @Test func runsTheExchangeBodyWithNoTransactionOrLockOpen() async throws {
        try await PostgresTestDatabase.with { database in
            let store = try await PostgresStore.connect(url: database.url)
            try await PostgresTestDatabase.withAdmin(database.url) { admin in
                let (transactions, advisoryLocks) = try await store.exchange(mind: "demo", userID: "u") { _ in
                    var counts: [Int64] = []
                    for query: PostgresQuery in [
                        """
                        SELECT count(*) FROM pg_stat_activity
                        WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()
                        """,
                        """
                        SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted
                        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                        """,
                    ] {
                        for try await count in try await admin.query(query).decode(Int64.self) { counts.append(count) }
                    }
                    let update = UserUpdate(data: "{}", lastActivity: at(1), exchange: Exchange(input: "i", output: "o", time: at(1)))
                    return (update, (counts[0], counts[1]))
                }
                #expect(transactions == 0)
                #expect(advisoryLocks == 0)
            }
            #expect(try await store.transcript(mind: "demo", userID: "u", after: nil, limit: 10).count == 1)
            await store.close()
        }
    }

    @Test func opensFromAStoreLocation() async throws {
        try await PostgresTestDatabase.with { database in
            let store = try await StoreLocation(parsing: database.url).open()
            #expect(store is PostgresStore)
            try await store.append([message("hello", at: at(1))])
            #expect(try await store.messages(since: nil).map(\.text) == ["hello"])
            try await store.close()
        }
    }

    @Test func refusesADatabaseWithForeignParleyNamedTables() async throws {
        try await PostgresTestDatabase.with { database in
            try await PostgresTestDatabase.withAdmin(database.url) { client in
                try await client.query("CREATE TABLE parley_message (body text)")
            }
            let error = try await #require(throws: StoreError.self) { try await PostgresStore.connect(url: database.url) }
            #expect(error.kind == .notAParleyStore)
            #expect(error.description.contains(database.name))
        }
    }

    @Test func refusesAStoreFromANewerParley() async throws {
        try await PostgresTestDatabase.with { database in
            try await PostgresStore.connect(url: database.url).close()
            try await PostgresTestDatabase.withAdmin(database.url) { client in
                try await client.query("INSERT INTO parley_schema (version) VALUES (999)")
            }
            let error = try await #require(throws: StoreError.self) { try await PostgresStore.connect(url: database.url) }
            #expect(error.kind == .newerSchema)
            #expect(error.description.contains(database.name))
        }
    }

    @Test func reportsALoginTheServerRefuses() async throws {
        try await PostgresTestDatabase.with { database in
            var components = try #require(URLComponents(string: database.url))
            components.password = "wrong-password"
            let url = try #require(components.string)
            let error = try await #require(throws: StoreError.self) { try await PostgresStore.connect(url: url) }
            #expect(error.kind == .cannotOpen)
            #expect(error.description.contains(database.name))
            #expect(!error.description.contains("wrong-password"))
            #expect(error.description.contains("password authentication failed"))
        }
    }
}
