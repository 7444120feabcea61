import Logging
import ServiceLifecycle

/// A service that listens on a port (a Parley server, a fake API) run in a group of its own for
/// one test, from the moment it has reported the port it bound.
public struct RunningService: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Starts the service `make` returns; `make` is given the callback the service reports its
    /// bound port with. Throws the service's error when it stops before reporting one.
    public static func start(
        logger: Logger, _ make: (@escaping @Sendable (Int) async -> Void) throws -> any Service
    ) async throws -> RunningService {
        let (ports, portInput) = AsyncStream.makeStream(of: Int.self)
        let service = try make { port in
            portInput.yield(port)
            portInput.finish()
        }
        let group = ServiceGroup(services: [service], logger: logger)
        let task = Task {
            defer { portInput.finish() }
            try await group.run()
        }
        for await port in ports {
            return RunningService(port: port, group: group, task: task)
        }
        try await task.value
        throw Failure(description: "the service stopped before it was running")
    }

    /// Waits until the service stops by itself (it failed); throws its error.
    public func stopped() async throws {
        try await task.value
    }

    /// Shuts the service down gracefully and waits until it has stopped; a test cancelled past its
    /// time limit cancels the service too.
    public func stop() async throws {
        await group.triggerGracefulShutdown()
        try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
    }
}
