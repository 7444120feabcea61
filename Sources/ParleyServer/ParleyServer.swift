import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import ParleyWorlds
import ServiceLifecycle

/// Parley's network edge on Hummingbird: the WebSocket chat service at `/websocket`, the reply API
/// (`/reply`, `/users/...`) and its chat page (`/bot`) when one is given, the studio (`/studio`) when
/// the reply API has published minds and studio options are given, the worlds chat page (`/`) with
/// a person's own data (`/people/me`), the review app (`/admin`) when there are worlds and studio
/// options,
/// the routes of its chat services (``ChatService``: Messenger, Telegram, Slack, or your own),
/// `/health` and `/metrics`.
///
/// Every HTTP route refuses bodies over 256 KiB and cross-origin browser calls from origins other
/// than `corsOrigins` and the server's own; on loopback (or with `publicHosts`) requests for other
/// host names get 421. Connections are admitted within ``ConnectionLimits``; WebSocket clients'
/// outgoing queues are bounded per connection (``WebSocketOptions``) and in all (``QueueBudget``).
/// Once a graceful shutdown begins, new HTTP requests get 503 while those in flight finish.
///
/// Run it as a `Service` (its graceful shutdown ends the worlds first, then closes the server), or with
/// ``runUntilSignalled()`` from a command.
public struct ParleyServer: Service {
    /// The address to listen on, e.g. `127.0.0.1`.
    public var host: String
    /// The port to listen on; 0 picks a free one (``onRunning`` is told which).
    public var port: Int
    public var webSocket: WebSocketOptions
    /// The origins (besides the server's own) whose browser pages may call the HTTP routes.
    public var corsOrigins: [String]
    /// Names (or origins) the server answers for besides its bound address and `localhost`.
    public var publicHosts: [PublicHost]
    public var connections: ConnectionLimits
    /// The bytes all WebSocket connections' outgoing queues may hold together.
    public let queueBudget: QueueBudget
    /// What the image proxy at `/media` may fetch.
    public var media = ImageProxyOptions()
    /// Where the server records its metrics.
    public let metrics: ServerMetrics
    private let runtime: WorldRuntime?
    private let replyAPI: ReplyAPI?
    private let services: [any ChatService]
    /// Who may use the admin faces: the studio (which needs the reply API with published minds) and,
    /// with worlds, the review app at `/admin`; nil serves neither.
    private let studio: StudioOptions?
    private let logger: Logger
    private let onRunning: @Sendable (Int) async -> Void
    private let drain = ShutdownDrain()
    private let deadline: ShutdownDeadline
    private let gate: ConnectionGate

    /// - Parameters:
    ///   - runtime: the worlds served on `/websocket` and the chat page `/`; nil serves the reply
    ///     API alone.
    ///   - services: the chat services beside WebSocket, each with its routes on this server's
    ///     port; at shutdown each gets what is left of the runtime's grace period after the worlds end.
    ///   - onRunning: called with the bound port once the server accepts connections.
    public init(
        host: String,
        port: Int,
        runtime: WorldRuntime?,
        webSocket: WebSocketOptions = WebSocketOptions(),
        replyAPI: ReplyAPI? = nil,
        corsOrigins: [String] = [],
        publicHosts: [PublicHost] = [],
        connections: ConnectionLimits = ConnectionLimits(),
        queueBudget: QueueBudget = QueueBudget(),
        metrics: ServerMetrics = ServerMetrics(),
        services: [any ChatService] = [],
        studio: StudioOptions? = nil,
        logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.host = host
        self.port = port
        self.runtime = runtime
        self.webSocket = webSocket
        self.replyAPI = replyAPI
        self.services = services
        self.deadline = ShutdownDeadline(grace: runtime?.shutdownGrace ?? .seconds(30))
        self.studio = studio
        self.corsOrigins = corsOrigins
        self.publicHosts = publicHosts
        self.connections = connections
        self.queueBudget = queueBudget
        self.gate = ConnectionGate(limits: connections)
        self.metrics = metrics
        self.logger = logger
        self.onRunning = onRunning
    }

    /// Serves until a graceful shutdown: then the worlds shut down, and after them the server.
    /// With `replyAPI.options.retainDays` set, old exchanges are erased at start and then every
    /// `retentionInterval`.
    public func run() async throws {
        // Services shut down in reverse order: the runtime (warning people, closing their sockets) first,
        // then the chat services' senders once they have posted what the runtime said, each
        // stopped at the grace period's end whatever their APIs do.
        var services: [any Service] = [try makeApplication()]
        for service in self.services {
            services.append(ChatServiceRunner(service: service, deadline: deadline, logger: logger))
        }
        if let runtime { services.append(RuntimeService(runtime: runtime)) }
        if let replyAPI, let retainDays = replyAPI.options.retainDays {
            services.append(
                RetentionService(
                    store: replyAPI.store, retainDays: retainDays, interval: replyAPI.options.retentionInterval,
                    clock: replyAPI.options.clock, logger: logger))
        }
        let group = ServiceGroup(services: services, logger: logger)
        let (drain, deadline) = (self.drain, self.deadline)
        try await withGracefulShutdownHandler {
            try await group.run()
        } onGracefulShutdown: {
            deadline.begin()
            drain.begin()
        }
    }

    /// Every route the server answers, as `METHOD /path` (path parameters as `{name}`).
    public func routes() throws -> [String] {
        let http = try makeRouter().routes.map { "\($0.method) \($0.path)" }
        let webSocket = makeWebSocketRouter().routes.map { "\($0.method) \($0.path)" }
        return (http + webSocket).sorted()
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully.
    public func runUntilSignalled() async throws {
        let group = ServiceGroup(services: [self], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }

    /// The WebSocket routes: `/websocket` when there are worlds, else none.
    private func makeWebSocketRouter() -> Router<ParleyWebSocketContext> {
        let webSocketRouter = Router(context: ParleyWebSocketContext.self)
        guard let runtime else { return webSocketRouter }
        let service = WebSocketService(runtime: runtime, options: webSocket, budget: queueBudget)
        let connections = metrics.webSocketConnections
        webSocketRouter.add(middleware: drain.middleware())
        webSocketRouter.add(middleware: HostAllowList(boundHost: host, publicHosts: publicHosts))
        webSocketRouter.add(
            middleware: WebSocketOriginCheck(allowList: CORSAllowList(origins: corsOrigins, publicHosts: publicHosts)))
        webSocketRouter.ws("/websocket") { inbound, outbound, context in
            connections.increment()
            defer { connections.decrement() }
            await service.serve(
                inbound: inbound, outbound: outbound, channel: context.requestContext.channel, logger: context.logger)
        }
        return webSocketRouter
    }

    private func makeRouter() throws -> Router<ParleyRequestContext> {
        let router = Router(context: ParleyRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: drain.middleware())
        router.add(middleware: HostAllowList(boundHost: host, publicHosts: publicHosts))
        router.add(middleware: ForwardedClient(trustedProxies: connections.trustedProxies))
        router.add(middleware: CORSAllowList(origins: corsOrigins, publicHosts: publicHosts))
        router.add(middleware: BodyLimitMiddleware())
        router.get("/health") { _, _ in "ok" }
        let baseStyles = try StaticAsset.styleSheet(named: "parley.css")
        router.get("parley.css") { request, _ in baseStyles.response(to: request) }
        // The style sheet the admin faces (/studio, /admin) share, on top of /parley.css.
        let consoleStyles = try StaticAsset.styleSheet(named: "console.css")
        router.get("console.css") { request, _ in consoleStyles.response(to: request) }
        DocsSite.addRoutes(to: router)
        if let runtime {
            try ChatPage().addRoutes(to: router)
            PersonDataAPI(runtime: runtime, logger: logger).addRoutes(to: router)
            if let studio {
                try AdminAPI(runtime: runtime, gate: AdminGate(options: studio, face: "the review app"), logger: logger)
                    .addRoutes(to: router)
            }
        }
        ImageProxy(options: media).addRoutes(to: router)
        let metrics = self.metrics
        let cacheLookups = replyAPI?.minds.cacheLookups
        let (gate, queueBudget, services) = (self.gate, self.queueBudget, self.services)
        router.get("/metrics") { _, _ in
            let text = metrics.exposition(
                cacheLookups: cacheLookups, gate: gate, queueBudget: queueBudget, services: services.flatMap { $0.metrics() })
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: text)))
        }
        if let replyAPI {
            replyAPI.addRoutes(to: router)
            try BotPage().addRoutes(to: router)
            if let studio, let published = replyAPI.minds.published {
                try StudioAPI(
                    minds: replyAPI.minds, published: published, options: studio, replyKeys: replyAPI.options.keys,
                    logger: logger, gate: AdminGate(options: studio, face: "the studio")
                ).addRoutes(to: router)
            }
        }
        for service in services { service.addRoutes(to: router) }
        return router
    }

    private func makeApplication() throws -> some ApplicationProtocol {
        let webSocketRouter = makeWebSocketRouter()
        let router = try makeRouter()
        router.add(middleware: MethodNotAllowedMiddleware(router: router, webSocketRouter: webSocketRouter))
        let onRunning = self.onRunning
        let webSocketResponder = webSocketRouter.buildResponder()
        let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: .init(idleTimeout: .init(connections.idleTimeout)),
            ws: .init(
                maxFrameSize: webSocket.maxFrameSize,
                autoPing: .enabled(timePeriod: webSocket.pingInterval),
                closeTimeout: webSocket.closeTimeout
            )
        )
        let gate = self.gate
        return Application(
            router: router,
            server: HTTPServerBuilder { responder in
                LimitedChildChannel(
                    inner: HTTP1WebSocketUpgradeChannel(
                        responder: responder, webSocketResponder: webSocketResponder, configuration: configuration),
                    gate: gate)
            },
            configuration: .init(address: .hostname(host, port: port), serverName: "Parley"),
            onServerRunning: { channel in
                await onRunning(channel.localAddress?.port ?? 0)
            },
            logger: logger
        )
    }
}
