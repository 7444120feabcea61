import Hummingbird
import Logging
import ServiceLifecycle

/// A real HTTP server on 127.0.0.1 with an ephemeral port, serving `router`, run for one test.
public struct LocalHTTPServer: Sendable {
    private let running: RunningService

    public var port: Int { running.port }

    /// Starts serving `router`; returns once the server listens.
    public static func start(_ router: Router<BasicRequestContext>) async throws -> LocalHTTPServer {
        var logger = Logger(label: "test.http")
        logger.logLevel = .error
        let running = try await RunningService.start(logger: logger) { onRunning in
            Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { await onRunning($0.localAddress?.port ?? 0) }, logger: logger)
        }
        return LocalHTTPServer(running: running)
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    public func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// Shuts the server down gracefully and waits until it has stopped.
    public func stop() async throws {
        try await running.stop()
    }
}
