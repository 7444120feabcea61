import Logging
import ParleyServer
import ParleyWorlds
import ServiceLifecycle

/// A real Parley server on 127.0.0.1 with an ephemeral port, run for one test.
struct RunningServer {
    let port: Int
    /// The server's routes, as `METHOD /path`.
    let routes: [String]
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Starts the server; with `replyAPI` it serves the reply API and `/bot` too, with `services` their
    /// routes, with `studio` the studio; `media` sets what its image proxy may fetch; `port` 0 takes a free one.
    static func start(
        runtime: WorldRuntime?, webSocket: WebSocketOptions = WebSocketOptions(), replyAPI: ReplyAPI? = nil,
        corsOrigins: [String] = [], metrics: ServerMetrics = ServerMetrics(), services: [any ChatService] = [],
        media: ImageProxyOptions = ImageProxyOptions(), connections: ConnectionLimits = .patient,
        publicHosts: [PublicHost] = [], studio: StudioOptions? = nil, port: Int = 0
    ) async throws -> RunningServer {
        var logger = Logger(label: "test.server")
        logger.logLevel = .error
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var server = ParleyServer(
            host: "127.0.0.1", port: port, runtime: runtime, webSocket: webSocket, replyAPI: replyAPI,
            corsOrigins: corsOrigins, publicHosts: publicHosts, connections: connections, metrics: metrics,
            services: services, studio: studio, logger: logger
        ) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        server.media = media
        let group = ServiceGroup(services: [server], logger: logger)
        let task = Task {
            defer { portContinuation.finish() }
            try await group.run()
        }
        for await port in ports {
            return RunningServer(port: port, routes: try server.routes(), group: group, task: task)
        }
        try await task.value
        throw WebSocketTestClient.Failure(description: "the server stopped before it was running")
    }

    /// Shuts down gracefully and waits until everything has stopped.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
