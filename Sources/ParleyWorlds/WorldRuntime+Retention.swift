import Foundation
import ParleyStore

extension WorldRuntime {
    /// Erases the conversations that ended more than ``RuntimeOptions/retainDays`` ago, with their
    /// messages (and results, unless ``RuntimeOptions/keepResults``); returns how many. `run()` does
    /// this at start and then every ``RuntimeOptions/retentionInterval``. A store failure is logged.
    @discardableResult
    public func eraseExpiredConversations(now: Date = Date()) async -> Int {
        guard let days = options.retainDays else { return 0 }
        let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
        do {
            let erased = try await transcripts.eraseConversations(endedBefore: cutoff, keepResults: options.keepResults)
            if erased > 0 { logger.info("erased old conversations", metadata: ["count": "\(erased)", "before": "\(cutoff)"]) }
            return erased
        } catch {
            logger.error("could not erase old conversations", metadata: ["error": "\(error)"])
            return 0
        }
    }
}
