import ParleyWorlds
import ServiceLifecycle

/// Runs the world runtime as a service; a graceful shutdown shuts the worlds down first.
struct RuntimeService: Service {
    let runtime: WorldRuntime

    func run() async throws {
        await withGracefulShutdownHandler {
            await runtime.run()
        } onGracefulShutdown: {
            Task { await runtime.shutdown() }
        }
    }
}
