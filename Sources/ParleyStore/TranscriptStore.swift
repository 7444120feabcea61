import Foundation

/// Where the messages of every world, and what worlds collect, are kept.
public protocol TranscriptStore: Sendable {
    /// Stores messages; they are durable when this returns.
    func append(_ records: [MessageRecord]) async throws
    /// Stores what a world collected; durable when this returns.
    func saveResult(_ result: WorldResult) async throws
    /// Every stored message said at or after `since` (all when nil), oldest first.
    func messages(since: Date?) async throws -> [MessageRecord]
    /// Every stored world result saved at or after `since` (all when nil), oldest first.
    func results(since: Date?) async throws -> [WorldResult]
    /// Erases every message and result in which the person took part.
    func erasePerson(_ personID: String) async throws
}
