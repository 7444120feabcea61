import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import ParleyCore
import ParleyServer
import ParleyStore
import Synchronization

/// A whole `ParleyServer` with the reply API over the fixture minds folder and the studio, on a
/// store of its own (a new SQLite file unless one is given), for one test.
struct StudioServer {
    let server: RunningServer
    let minds: URL
    let store: any DataStore
    /// The time the published versions see; tests move it to retire versions.
    let clock: MovableClock
    var port: Int { server.port }

    /// Starts a server whose studio takes `adminKeys` (none: open, since it is on loopback), whose
    /// superseded versions answer for `keepVersions` seconds, with `replyOptions` for the reply API.
    static func start(
        adminKeys: [String] = [], keepVersions: TimeInterval = 30 * 86_400, replyOptions: ReplyAPIOptions = ReplyAPIOptions(),
        store: (any DataStore)? = nil, loopback: Bool = true, folderMinds: [String: String] = [:]
    ) async throws -> StudioServer {
        let minds = try ReplyAPIFixtureMinds.folder(folderMinds)
        let store = try store ?? SQLiteStore.temporary()
        let clock = MovableClock()
        let published = PublishedMinds(
            store: store, keepVersions: keepVersions, clock: { clock.now }, logger: ReplyAPIHarness.logger)
        let library = try MindLibrary(
            named: [], mindsDirectory: minds.path, fileCheckInterval: .zero, published: published,
            logger: ReplyAPIHarness.logger)
        let api = ReplyAPI(minds: library, store: store, options: replyOptions, logger: ReplyAPIHarness.logger)
        let server = try await RunningServer.start(
            runtime: nil, replyAPI: api, studio: StudioOptions(adminKeys: try APIKeys(adminKeys), loopback: loopback))
        return StudioServer(server: server, minds: minds, store: store, clock: clock)
    }

    /// Runs `body` with a client on a connection of its own.
    func withClient<Value: Sendable>(_ body: @escaping @Sendable (StudioClient) async throws -> Value) async throws -> Value {
        // A patient client: a large mind's check in a debug build may take a while on a busy machine.
        try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: ReplyAPIClient.patient) { client in
            try await body(StudioClient(http: HTTPTestClient(client: client, port: port)))
        }
    }

    func stop() async throws {
        try await server.stop()
        try? FileManager.default.removeItem(at: minds.deletingLastPathComponent())
    }
}

/// A clock the test sets.
final class MovableClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    func advance(by seconds: TimeInterval) {
        offset.withLock { $0 += seconds }
    }
}

/// Calls of the studio API, as JSON, with an admin key when given.
struct StudioClient: Sendable {
    let http: HTTPTestClient

    func call(
        _ method: HTTPRequest.Method, _ path: String, _ body: JSONValue? = nil, key: String? = nil, headers: HTTPFields = [:]
    ) async throws -> HTTPTestClient.Answer {
        var headers = headers
        if let key { headers[.authorization] = "Bearer \(key)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await http.send(path, method: method, headers: headers, body: body?.jsonText(), authority: authority)
    }

    /// The `Host` a browser would send.
    var authority: String { "127.0.0.1:\(http.port)" }

    /// POSTs a form to `/reply`, with the `Host` a browser would send.
    func reply(_ fields: KeyValuePairs<String, String>) async throws -> HTTPTestClient.Answer {
        let body = fields.map { "\(ReplyAPIClient.encode($0.key))=\(ReplyAPIClient.encode($0.value))" }.joined(separator: "&")
        return try await http.send(
            "/reply", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: body, authority: authority)
    }
}
