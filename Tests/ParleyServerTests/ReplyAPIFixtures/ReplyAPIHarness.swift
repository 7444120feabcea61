import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers
import ParleyCore
import ParleyServer
import ParleyStore
import Testing

/// Runs the reply API on a live Hummingbird server (loopback, ephemeral port) for a test.
enum ReplyAPIHarness {
    /// Logs errors only: the fixture minds' load warnings are expected.
    static let logger: Logger = {
        var logger = Logger(label: "parley.test.reply-api")
        logger.logLevel = .error
        return logger
    }()

    /// Serves `api`'s routes while `body` runs with a client of the server.
    static func serve<Value: Sendable>(
        _ api: ReplyAPI, _ body: @Sendable (ReplyAPIClient) async throws -> Value
    ) async throws -> Value {
        let router = Router()
        api.addRoutes(to: router)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await withoutActuallyEscaping(body) { body in
            try await app.test(.live) { live in
                guard let port = live.port else { throw ReplyAPIClient.OwnConnection.NoPort() }
                // Its own client, for a read timeout longer than the live client's 20 s: a request
                // that calls tag handlers several times may take that long on a machine busy with builds.
                return try await HummingbirdTesting.TestClient.withClient(
                    host: "127.0.0.1", port: port, configuration: ReplyAPIClient.patient
                ) { connection in
                    try await body(ReplyAPIClient(connection: connection, port: port))
                }
            }
        }
    }

    /// A library of the fixture minds in `folder` (the minds folder), with `named` pairs first.
    static func library(
        _ folder: URL, named: [(name: String, path: String)] = [], cacheSize: Int = 8
    ) throws -> MindLibrary {
        try MindLibrary(
            named: named, mindsDirectory: folder.path, cacheSize: cacheSize, fileCheckInterval: .zero, logger: logger)
    }
}

/// A client of the reply API that sends forms and JSON and reads JSON answers.
struct ReplyAPIClient: Sendable {
    let connection: HummingbirdTesting.TestClient
    let port: Int

    /// A read timeout well beyond what a loaded CI machine needs.
    static let patient = HummingbirdTesting.TestClient.Configuration(timeout: .seconds(60))

    /// Runs `body` with a client on a connection of its own (the shared one is used in turn).
    func withOwnConnection<Value: Sendable>(_ body: @escaping @Sendable (OwnConnection) async throws -> Value)
        async throws -> Value
    {
        // Turns of one user wait for each other: the last of many may wait long on a busy machine.
        try await HummingbirdTesting.TestClient.withClient(host: "127.0.0.1", port: port, configuration: Self.patient) { connection in
            try await body(OwnConnection(client: connection))
        }
    }

    /// A client on its own connection.
    struct OwnConnection: Sendable {
        struct NoPort: Error {}
        let client: HummingbirdTesting.TestClient

        /// A stateful turn by GET; answers the status.
        func say(_ input: String, as userID: String, mind: String) async throws -> HTTPResponse.Status {
            let query = ["userid": userID, "input": input, "mind": mind]
                .map { "\(ReplyAPIClient.encode($0.key))=\(ReplyAPIClient.encode($0.value))" }.joined(separator: "&")
            return try await client.execute(HummingbirdTesting.TestClient.Request("/reply?" + query, method: .get)).status
        }
    }

    /// A status and the parsed JSON body (`null` when the body is empty).
    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var json: JSONValue
        var output: String? { json["output"]?.stringValue }
        var errorCode: String? { json["error"]?["code"]?.stringValue }
    }

    /// POSTs `fields` as `application/x-www-form-urlencoded`.
    func post(form fields: KeyValuePairs<String, String>, headers extra: HTTPFields = [:]) async throws -> Answer {
        var headers = extra
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send("/reply", method: .post, headers: headers, body: body)
    }

    /// POSTs `json` as `application/json`.
    func post(json: JSONValue) async throws -> Answer {
        try await send("/reply", method: .post, headers: [.contentType: "application/json"], body: json.jsonText())
    }

    /// GETs `path` with `query` fields.
    func get(_ path: String, query: KeyValuePairs<String, String> = [:]) async throws -> Answer {
        let text = query.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(text.isEmpty ? path : path + "?" + text, method: .get)
    }

    /// A stateful turn by GET.
    func say(_ input: String, as userID: String, mind: String? = nil) async throws -> Answer {
        if let mind { return try await get("/reply", query: ["userid": userID, "input": input, "mind": mind]) }
        return try await get("/reply", query: ["userid": userID, "input": input])
    }

    func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: String? = nil) async throws
        -> Answer
    {
        let response = try await connection.execute(
            HummingbirdTesting.TestClient.Request(uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }))
        let text = response.body.map { String(buffer: $0) } ?? ""
        return Answer(status: response.status, json: text.isEmpty ? .null : try JSONValue.parse(text))
    }

    /// Percent-encodes everything but unreserved characters.
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// A clock the tests move by hand.
final class ReplyAPITestClock: Sendable {
    private let now = NIOLockedValueBox(Date(timeIntervalSince1970: 1_800_000_000))

    /// The function to inject as `ReplyAPIOptions.clock`.
    var read: @Sendable () -> Date { { self.now.withLockedValue { $0 } } }

    func advance(minutes: Double) {
        now.withLockedValue { $0 += minutes * 60 }
    }
}

/// The stores the stateful tests run against: PostgreSQL only when `PARLEY_TEST_POSTGRES_URL`
/// names a test server, or when CI is set (then they fail for want of one instead of vanishing).
enum ReplyAPIStoreKind: String, CaseIterable, Sendable {
    case sqlite, postgres

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["PARLEY_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var postgresRuns: Bool {
        postgresURL != nil || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
    }

    static let tested: [ReplyAPIStoreKind] = postgresRuns ? allCases : [.sqlite]

    struct PostgresNotConfigured: Error, CustomStringConvertible {
        var description: String { "PARLEY_TEST_POSTGRES_URL is not set but CI is: start one with scripts/postgres" }
    }

    /// Runs `body` with a store of this kind. SQLite: a new file; PostgreSQL: the test server's
    /// database, shared by tests, so every test uses user ids of its own.
    func withStore(_ body: (any DataStore) async throws -> Void) async throws {
        let store: any DataStore
        switch self {
        case .sqlite: store = try SQLiteStore.temporary()
        case .postgres:
            guard let url = Self.postgresURL else { throw PostgresNotConfigured() }
            store = try await PostgresStore.connect(url: url)
        }
        do {
            try await body(store)
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }
}

/// A user id no other test uses.
func uniqueUserID(_ prefix: String = "user") -> String {
    "\(prefix)-\(UUID().uuidString.lowercased())"
}
