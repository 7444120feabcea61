import Hummingbird
import Logging
import ServiceLifecycle

/// A real HTTP server on 127.0.0.1 with an ephemeral port, serving `router`, run for one test.
public struct LocalHTTPServer: Sendable {
    struct Failure: Error {}

    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Starts serving `router`; returns once the server listens.
    public static func start(_ router: Router<BasicRequestContext>) async throws -> LocalHTTPServer {
        var logger = Logger(label: "test.http")
        logger.logLevel = .error
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(services: [app], logger: logger)
        let task = Task {
            defer { portContinuation.finish() }
            try await group.run()
        }
        for await port in ports where port > 0 {
            return LocalHTTPServer(port: port, group: group, task: task)
        }
        try await task.value
        throw Failure()
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    public func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// Shuts the server down gracefully and waits until it has stopped.
    public func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
