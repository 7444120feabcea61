import Foundation

/// Where the messages of every world, and what worlds collect, are kept.
public protocol TranscriptStore: Sendable {
    /// Stores messages; they are durable when this returns.
    func append(_ records: [MessageRecord]) async throws
    /// Stores what a world collected; durable when this returns.
    func saveResult(_ result: WorldResult) async throws
    /// Every stored message said at or after `since` (all when nil), oldest first.
    func messages(since: Date?) async throws -> [MessageRecord]
    /// At most `limit` stored messages said at or after `since`, oldest first, continuing after
    /// `cursor` (from the start when nil). For reading large transcripts page by page.
    func messages(since: Date?, after cursor: MessageCursor?, limit: Int) async throws -> MessagePage
    /// Every stored world result saved at or after `since` (all when nil), oldest first.
    func results(since: Date?) async throws -> [WorldResult]
    /// Erases every message and result in which the person took part (as one of `people` or
    /// as the speaker).
    func erasePerson(_ personID: String) async throws
}

extension TranscriptStore {
    /// Pages over `messages(since:)`, for stores small enough to load whole (e.g. in memory);
    /// the cursor's sequence is the position in that list.
    public func messages(since: Date?, after cursor: MessageCursor?, limit: Int) async throws -> MessagePage {
        let all = try await messages(since: since)
        let start = cursor.map { Int($0.sequence) + 1 } ?? 0
        guard start < all.count, limit > 0 else { return MessagePage(records: [], next: nil) }
        let end = min(all.count, start + limit)
        let records = Array(all[start..<end])
        let next = end < all.count ? MessageCursor(time: all[end - 1].time, sequence: Int64(end - 1)) : nil
        return MessagePage(records: records, next: next)
    }
}
