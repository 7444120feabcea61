import Logging
import ParleyWorlds
import ServiceLifecycle

/// Runs a ``ChatService`` inside the server's service group, and cancels it when it is still
/// running at the shutdown's deadline.
struct ChatServiceRunner: Service {
    let service: any ChatService
    let deadline: ShutdownDeadline
    let logger: Logger

    func run() async throws {
        let (service, deadline, logger) = (self.service, self.deadline, self.logger)
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await service.run()
                return true
            }
            group.addTask {
                try await gracefulShutdown()
                try await Task.sleep(until: deadline.instant, clock: .continuous)
                return false
            }
            if try await group.next() == false {
                logger.warning("\(service.name) was still stopping at the end of the shutdown grace period; stopped it")
            }
            group.cancelAll()
        }
    }
}
