import Foundation

/// Keeps the saved state of running worlds that can be restored, so that they continue after the
/// server restarts.
public protocol WorldRunStore: Sendable {
    /// Stores (or replaces) the saved state of a world, and appends `records` to the transcript,
    /// in one transaction; durable when this returns.
    func saveWorldRun(_ run: SavedWorldRun, records: [MessageRecord]) async throws
    /// Forgets world `id`: it ended.
    func deleteWorldRun(id: String) async throws
    /// Every world saved by the server named `server`, oldest save first.
    func worldRuns(server: String) async throws -> [SavedWorldRun]
}

/// A running world's saved state, as the runtime wrote it.
public struct SavedWorldRun: Sendable, Equatable {
    /// The world's id (also its conversation's id).
    public let id: String
    /// The name of the server running the world (``RuntimeOptions/serverName``): the one that
    /// restores it.
    public let server: String
    /// The ids of the people in the world (so that erasing a person erases the world's state).
    public let people: [String]
    /// The runtime's record of the world, as JSON text.
    public let body: String
    /// When it was saved.
    public let saved: Date

    public init(id: String, server: String, people: [String], body: String, saved: Date) {
        self.id = id
        self.server = server
        self.people = people
        self.body = body
        self.saved = saved
    }
}
