import ParleyWorlds
import ServiceLifecycle

/// Runs the world runtime as a service; a graceful shutdown shuts the worlds down first, and so
/// does the group's cancellation (another service failed, e.g. the port was taken).
struct RuntimeService: Service {
    let runtime: WorldRuntime

    func run() async throws {
        await withTaskCancellationOrGracefulShutdownHandler {
            await runtime.run()
        } onCancelOrGracefulShutdown: {
            Task { await runtime.shutdown() }
        }
    }
}
