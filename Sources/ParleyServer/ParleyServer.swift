import Hummingbird
import HummingbirdWebSocket
import Logging
import ParleyWorlds
import ServiceLifecycle

/// Parley's network edge on Hummingbird: the WebSocket chat service at `/websocket`, the reply API
/// (`/reply`, `/users/...`) and its chat page (`/bot`) when one is given, and `/health`.
///
/// Run it as a `Service` (its graceful shutdown ends the worlds first, then closes the server), or with
/// ``runUntilSignalled()`` from a command.
public struct ParleyServer: Service {
    /// The address to listen on, e.g. `127.0.0.1`.
    public var host: String
    /// The port to listen on; 0 picks a free one (``onRunning`` is told which).
    public var port: Int
    public var webSocket: WebSocketOptions
    private let runtime: WorldRuntime
    private let replyAPI: ReplyAPI?
    private let logger: Logger
    private let onRunning: @Sendable (Int) async -> Void

    /// - Parameter onRunning: called with the bound port once the server accepts connections.
    public init(
        host: String,
        port: Int,
        runtime: WorldRuntime,
        webSocket: WebSocketOptions = WebSocketOptions(),
        replyAPI: ReplyAPI? = nil,
        logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.host = host
        self.port = port
        self.runtime = runtime
        self.webSocket = webSocket
        self.replyAPI = replyAPI
        self.logger = logger
        self.onRunning = onRunning
    }

    /// Serves until a graceful shutdown: then the worlds shut down, and after them the server.
    public func run() async throws {
        // Services shut down in reverse order: the runtime (warning people, closing their sockets) first.
        let group = ServiceGroup(
            services: [try makeApplication(), RuntimeService(runtime: runtime)],
            logger: logger
        )
        try await group.run()
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully.
    public func runUntilSignalled() async throws {
        let group = ServiceGroup(services: [self], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }

    private func makeApplication() throws -> some ApplicationProtocol {
        let service = WebSocketService(runtime: runtime, options: webSocket)
        let webSocketRouter = Router(context: BasicWebSocketRequestContext.self)
        webSocketRouter.ws("/websocket") { inbound, outbound, context in
            await service.serve(inbound: inbound, outbound: outbound, logger: context.logger)
        }
        let router = Router()
        router.get("/health") { _, _ in "ok" }
        try ChatPage().addRoutes(to: router)
        if let replyAPI {
            replyAPI.addRoutes(to: router)
            try BotPage().addRoutes(to: router)
        }
        let onRunning = self.onRunning
        return Application(
            router: router,
            server: .http1WebSocketUpgrade(
                webSocketRouter: webSocketRouter,
                configuration: .init(
                    ws: .init(
                        maxFrameSize: webSocket.maxFrameSize,
                        autoPing: .enabled(timePeriod: webSocket.pingInterval),
                        closeTimeout: webSocket.closeTimeout
                    )
                )
            ),
            configuration: .init(address: .hostname(host, port: port), serverName: "Parley"),
            onServerRunning: { channel in
                await onRunning(channel.localAddress?.port ?? 0)
            },
            logger: logger
        )
    }
}
