import Foundation
import Logging
import ParleyStore
import ServiceLifecycle

/// Erases reply API exchanges older than the retention period: once at start, then every
/// `interval`, until a graceful shutdown.
struct RetentionService: Service {
    let store: any UserStateStore
    let retainDays: Int
    let interval: Duration
    /// The current time; tests inject one they move.
    let clock: @Sendable () -> Date
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    await sweep()
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            // Shut down while waiting for the next sweep.
        }
    }

    /// Erases what is older than the retention period; a store failure is logged and retried at the next sweep.
    private func sweep() async {
        let cutoff = clock().addingTimeInterval(-Double(retainDays) * 86_400)
        do {
            let erased = try await store.eraseExchanges(olderThan: cutoff)
            if erased > 0 {
                logger.info("erased old reply API exchanges", metadata: ["count": "\(erased)", "before": "\(cutoff)"])
            }
        } catch {
            logger.error("could not erase old reply API exchanges", metadata: ["error": "\(error)"])
        }
    }
}
