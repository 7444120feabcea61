import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import ParleyCore
import ParleyServer
import ParleyStore
import ParleyTasks
import ParleyWorlds

/// A whole `ParleyServer` (middleware, `/health`, `/metrics`, the reply API over the fixture minds, the studio)
/// on 127.0.0.1 with an ephemeral port, for one test.
struct ReplyServer {
    let server: RunningServer
    let minds: URL
    /// The store the worlds record in (conversations, consent, the block list).
    let worldStore: SQLiteStore
    var port: Int { server.port }

    /// Starts a server whose reply API has `options`, over `store` (a new SQLite file by default),
    /// with Messenger's webhook when `messenger` is given.
    static func start(
        options: ReplyAPIOptions = ReplyAPIOptions(), store: (any UserStateStore)? = nil, corsOrigins: [String] = [],
        metrics: ServerMetrics = ServerMetrics(), messenger: MessengerOptions? = nil,
        connections: ConnectionLimits = .patient, publicHosts: [PublicHost] = []
    ) async throws -> ReplyServer {
        let minds = try ReplyAPIFixtureMinds.folder()
        let configFile = minds.deletingLastPathComponent().appendingPathComponent("config.yml")
        try WorldsServer.demoConfig().write(to: configFile, atomically: true, encoding: .utf8)
        let worldStore = try SQLiteStore.temporary()
        let runtime = try WorldRuntime(
            config: TaskConfig.load(path: configFile.path), registry: .builtIn, transcripts: worldStore,
            options: RuntimeOptions(shutdownGrace: .milliseconds(300)), logger: ReplyAPIHarness.logger
        )
        let library = try MindLibrary(
            named: [("demo", minds.appendingPathComponent("seed-demo.yaml").path)], mindsDirectory: minds.path, cacheSize: 8,
            fileCheckInterval: .zero, published: PublishedMinds(store: worldStore, logger: ReplyAPIHarness.logger),
            logger: ReplyAPIHarness.logger)
        let api = ReplyAPI(minds: library, store: store ?? worldStore, options: options, logger: ReplyAPIHarness.logger)
        let messengerService = try messenger.map { options throws in
            try MessengerService(options: options, runtime: runtime, ledger: worldStore, logger: ReplyAPIHarness.logger)
        }
        let server = try await RunningServer.start(
            runtime: runtime, replyAPI: api, corsOrigins: corsOrigins, metrics: metrics, services: messengerService.map { [$0] } ?? [],
            connections: connections, publicHosts: publicHosts, studio: StudioOptions(loopback: true))
        return ReplyServer(server: server, minds: minds, worldStore: worldStore)
    }

    /// Runs `body` with a client on a connection of its own.
    func withClient<Value: Sendable>(_ body: @escaping @Sendable (HTTPTestClient) async throws -> Value) async throws -> Value {
        try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await body(HTTPTestClient(client: client, port: port))
        }
    }

    func stop() async throws {
        try await server.stop()
        try? FileManager.default.removeItem(at: minds.deletingLastPathComponent())
    }
}

/// A client of a live server: any method, path, headers and body; answers status, headers and text.
struct HTTPTestClient: Sendable {
    let client: TestClient
    let port: Int

    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var text: String
        var json: JSONValue? { try? JSONValue.parse(text) }
        var errorCode: String? { json?["error"]?["code"]?.stringValue }
        var errorMessage: String? { json?["error"]?["message"]?.stringValue }
        /// The exchanges of a transcript page.
        var exchanges: [JSONValue]? {
            guard case .array(let exchanges)? = json?["exchanges"] else { return nil }
            return exchanges
        }
    }

    func send(
        _ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:], body: String? = nil,
        authority: String? = nil
    ) async throws -> Answer {
        let response = try await client.execute(
            TestClient.Request(uri, method: method, authority: authority, headers: headers, body: body.map { ByteBuffer(string: $0) }))
        return Answer(status: response.status, headers: response.headers, text: response.body.map { String(buffer: $0) } ?? "")
    }

    /// POSTs a form to `/reply`.
    func reply(_ fields: KeyValuePairs<String, String>, headers: HTTPFields = [:]) async throws -> Answer {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = fields.map { "\(ReplyAPIClient.encode($0.key))=\(ReplyAPIClient.encode($0.value))" }.joined(separator: "&")
        return try await send("/reply", method: .post, headers: headers, body: body)
    }
}
