import Foundation

/// Where the messages of every world, and what worlds collect, are kept.
public protocol TranscriptStore: ConversationStore {
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
}
