import Foundation

/// Where the studio keeps minds: drafts with their tests, and published versions, shared by every
/// server on the store. Also reads stored exchanges back for the review.
public protocol MindStore: Sendable {
    /// Every studio mind, by name.
    func studioMinds() async throws -> [StudioMind]
    func studioMind(named name: String) async throws -> StudioMind?
    /// Creates a mind at revision 1; throws `nameTaken`.
    func createStudioMind(_ name: String, source: String, tests: String, time: Date) async throws -> StudioMind
    /// Saves the draft as the next revision; with `basedOn`, only if that is still the current
    /// revision (else throws `stale` with the current draft). Throws `missing`.
    func saveDraft(_ name: String, source: String, tests: String, basedOn: Int64?, time: Date) async throws -> StudioMind
    /// Renames a mind with its versions; throws `missing` or `nameTaken`.
    func renameStudioMind(_ name: String, to newName: String) async throws
    /// Deletes a mind, its tests and its versions; throws `missing`.
    func deleteStudioMind(_ name: String) async throws
    /// Stores `source` as the mind's next version, marking the previous one superseded at `time`.
    /// Throws `missing`.
    func publish(_ name: String, source: String, hash: String, time: Date) async throws -> MindVersion
    /// The mind's versions, newest first.
    func versions(of name: String) async throws -> [MindVersion]
    /// Version `number` of the mind; nil when there is none.
    func version(_ number: Int, of name: String) async throws -> MindVersion?
    /// The mind's newest version; nil before the first publish (or with no such mind).
    func latestVersion(of name: String) async throws -> MindVersion?

    /// The newest `limit` exchanges of `mind` (every user) from `since` up to `until`, newest first.
    func reviewedExchanges(mind: String, since: Date, until: Date, limit: Int) async throws -> [ReviewedExchange]
}
