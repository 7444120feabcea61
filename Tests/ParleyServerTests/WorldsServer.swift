import Foundation
import HummingbirdTesting
import Logging
import ParleyServer
import ParleyStore
import ParleyTasks
import ParleyWorlds

/// A real server on the real world runtime, with the config written to a temp file and a temp SQLite
/// store; with `replyMinds`, also the reply API (state in the same store) and its chat page `/bot`;
/// with `messenger`, the Messenger webhook (its event ledger in the same store); with `admin`, the
/// review app at `/admin`. `transcripts` may wrap the store the worlds record in.
struct WorldsServer {
    let server: RunningServer
    let store: SQLiteStore
    let directory: URL
    /// False when the caller gave the directory: it then outlives the server (a restart test).
    let ownsDirectory: Bool
    var port: Int { server.port }

    /// The overworld demo's tasks; `chat`, `echo` and `opt` lines can be changed per test.
    static func demoConfig(
        echo: String = "timeout: 180",
        chat: String = "timeout: 180",
        opt: String = "{}"
    ) -> String {
        """
        tasks:
          echo:
            onboard_world: MessengerEchoOnboardWorld
            task_world: MessengerEchoTaskWorld
            agents_required: 1
            \(echo)
          onboard data:
            onboard_world: MessengerOnboardDataOnboardWorld
            task_world: MessengerOnboardDataTaskWorld
            timeout: 180
          chat:
            onboard_world: MessengerChatOnboardWorld
            task_world: MessengerChatTaskWorld
            agents_required: 2
            \(chat)
        task_name: overworld_demo
        world_module: parlai.chat_service.tasks.overworld_demo.worlds
        overworld: MessengerOverworld
        max_workers: 30
        opt: \(opt)
        """
    }

    static func start(
        config: String = demoConfig(),
        options: RuntimeOptions = RuntimeOptions(shutdownGrace: .milliseconds(300)),
        registry: WorldRegistry = .builtIn,
        webSocket: WebSocketOptions = WebSocketOptions(),
        replyMinds: MindLibrary? = nil,
        replyOptions: ReplyAPIOptions = ReplyAPIOptions(),
        messenger: MessengerOptions? = nil,
        media: ImageProxyOptions = ImageProxyOptions(),
        connections: ConnectionLimits = .patient,
        publicHosts: [PublicHost] = [],
        in givenDirectory: URL? = nil,
        logger givenLogger: Logger? = nil,
        admin: StudioOptions? = nil,
        metrics: ServerMetrics = ServerMetrics(),
        transcripts: (SQLiteStore) -> any TranscriptStore = { $0 },
        port: Int = 0
    ) async throws -> WorldsServer {
        let directory = givenDirectory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("parley-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let configFile = directory.appendingPathComponent("config.yml")
        try config.write(to: configFile, atomically: true, encoding: .utf8)
        let store = try SQLiteStore(path: directory.appendingPathComponent("parley.sqlite").path)
        var logger = Logger(label: "test.worlds")
        logger.logLevel = .error
        if let givenLogger { logger = givenLogger }
        let runtime = try WorldRuntime(
            config: TaskConfig.load(path: configFile.path), registry: registry, transcripts: transcripts(store),
            options: options, logger: logger
        )
        var webSocket = webSocket
        webSocket.resumeWindow = options.resumeWindow
        let replyAPI = replyMinds.map { ReplyAPI(minds: $0, store: store, options: replyOptions, logger: logger) }
        let messengerService = try messenger.map { options throws in
            try MessengerService(options: options, runtime: runtime, ledger: store, logger: logger)
        }
        let server = try await RunningServer.start(
            runtime: runtime, webSocket: webSocket, replyAPI: replyAPI, metrics: metrics,
            services: messengerService.map { [$0] } ?? [], media: media, connections: connections, publicHosts: publicHosts,
            studio: admin, port: port)
        return WorldsServer(server: server, store: store, directory: directory, ownsDirectory: givenDirectory == nil)
    }

    /// Runs `body` with a server started with `config` (and a reply API when `replyMinds` is given),
    /// and stops the server afterwards, whether `body` throws or not.
    static func with(
        config: String = demoConfig(), replyMinds: MindLibrary? = nil, replyOptions: ReplyAPIOptions = ReplyAPIOptions(),
        media: ImageProxyOptions = ImageProxyOptions(), _ body: (WorldsServer) async throws -> Void
    ) async throws {
        let server = try await start(config: config, replyMinds: replyMinds, replyOptions: replyOptions, media: media)
        do {
            try await body(server)
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
    }

    /// Runs `body` with an HTTP client on a connection of its own.
    func withClient<Value: Sendable>(_ body: @escaping @Sendable (HTTPTestClient) async throws -> Value) async throws -> Value {
        let port = self.port
        return try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await body(HTTPTestClient(client: client, port: port))
        }
    }

    func stop() async throws {
        try await server.stop()
        if ownsDirectory { try? FileManager.default.removeItem(at: directory) }
    }
}
