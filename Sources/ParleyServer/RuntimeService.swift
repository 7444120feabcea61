import ServiceLifecycle

/// Runs the world runtime as a service; a graceful shutdown shuts the worlds down first.
struct RuntimeService: Service {
    let host: any PersonHost

    func run() async throws {
        await withGracefulShutdownHandler {
            await host.run()
        } onGracefulShutdown: {
            Task { await host.shutdown() }
        }
    }
}
