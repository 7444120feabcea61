import Foundation
import PostgresNIO
import Testing

@testable import ParleyStore

/// The store implementations every shared store test runs against.
enum StoreKind: String, CaseIterable, Sendable {
    case sqlite, postgres

    /// The kinds tested in this run: PostgreSQL only when a test server is configured, or when
    /// CI requires it (then its variants fail for want of a server instead of vanishing).
    static let tested: [StoreKind] = PostgresTestDatabase.shouldRun ? allCases : [.sqlite]
}

/// Reports the PostgreSQL tests as skipped (with the reason) when they do not run.
@Test("PostgreSQL test server answers", .enabled(if: PostgresTestDatabase.shouldRun, PostgresTestDatabase.skipReason))
func postgresTestServerAnswers() async throws {
    try await PostgresTestDatabase.with { database in
        try await PostgresTestDatabase.withAdmin(database.url) { client in
            var answers: [Int32] = []
            for try await answer in try await client.query("SELECT 1").decode(Int32.self) { answers.append(answer) }
            #expect(answers == [1])
        }
    }
}

typealias AnyStore = any TranscriptStore & UserStateStore & EventLedger & MindStore & WorldRunStore

/// Runs `body` with a fresh, empty store of `kind`.
func withStore(_ kind: StoreKind, _ body: (AnyStore) async throws -> Void) async throws {
    try await withStores(kind, count: 1) { stores in try await body(stores[0]) }
}

/// Runs `body` with `count` separate handles (as separate processes would have) on one fresh,
/// empty store of `kind`.
func withStores(_ kind: StoreKind, count: Int, _ body: ([AnyStore]) async throws -> Void) async throws {
    switch kind {
    case .sqlite:
        let path = try temporaryDirectory().appendingPathComponent("parley.sqlite").path
        let stores = try (0..<count).map { _ in try SQLiteStore(path: path) }
        try await body(stores)
        for store in stores { try store.close() }
    case .postgres:
        try await PostgresTestDatabase.with { database in
            var stores: [PostgresStore] = []
            do {
                for _ in 0..<count { stores.append(try await PostgresStore.connect(url: database.url)) }
                try await body(stores)
            } catch {
                for store in stores { await store.close() }
                throw error
            }
            for store in stores { await store.close() }
        }
    }
}

/// A throwaway database on the PostgreSQL server named by `PARLEY_TEST_POSTGRES_URL` (see
/// `scripts/postgres`). Without that variable the PostgreSQL tests are skipped, unless `CI`
/// is set: then they fail, so that CI cannot skip them silently.
struct PostgresTestDatabase {
    struct NotConfigured: Error, CustomStringConvertible {
        var description: String {
            "PARLEY_TEST_POSTGRES_URL is not set but CI is: PostgreSQL tests must run in CI (use scripts/postgres start)"
        }
    }

    let url: String
    let name: String
    let serverURL: String

    static var serverURL: String? {
        ProcessInfo.processInfo.environment["PARLEY_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the PostgreSQL tests run: a server is configured, or CI is set.
    static var shouldRun: Bool {
        serverURL != nil || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
    }

    static let skipReason: Comment =
        "PARLEY_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped (start a server with scripts/postgres)"

    /// Runs `body` with a new database, dropped afterwards.
    static func with(_ body: (PostgresTestDatabase) async throws -> Void) async throws {
        let database = try await create()
        do {
            try await body(database)
        } catch {
            try await database.drop()
            throw error
        }
        try await database.drop()
    }

    private static func create() async throws -> PostgresTestDatabase {
        guard let serverURL else { throw NotConfigured() }
        let name = "parley_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await withAdmin(serverURL) { client in
            try await client.query("CREATE DATABASE \(unescaped: name)")
        }
        var components = try #require(URLComponents(string: serverURL))
        components.path = "/" + name
        return PostgresTestDatabase(url: try #require(components.string), name: name, serverURL: serverURL)
    }

    private func drop() async throws {
        try await Self.withAdmin(serverURL) { client in
            try await client.query("DROP DATABASE \(unescaped: name) WITH (FORCE)")
        }
    }

    /// Runs `body` with a client connected to the database of `url`.
    static func withAdmin(_ url: String, _ body: (PostgresClient) async throws -> Void) async throws {
        try await withClient(PostgresURL(url).configuration, body)
    }

    static func withClient(_ configuration: PostgresClient.Configuration, _ body: (PostgresClient) async throws -> Void) async throws {
        let client = PostgresClient(configuration: configuration)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await body(client)
        }
    }
}
