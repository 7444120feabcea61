import Foundation

/// Where the messages of every world are kept.
public protocol TranscriptStore: Sendable {
    /// Stores messages; they are durable when this returns.
    func append(_ records: [MessageRecord]) async throws
    /// Every stored message said at or after `since` (all when nil), oldest first.
    func messages(since: Date?) async throws -> [MessageRecord]
    /// Erases every message in which the person took part.
    func erasePerson(_ personID: String) async throws
}
