import Foundation

/// A mind written in the studio: its draft, its conversation tests and its revision.
public struct StudioMind: Sendable, Hashable {
    public var name: String
    /// The draft rulebase text (YAML or JSON).
    public var source: String
    /// The conversation tests, as the text of a test file without `mind:`.
    public var tests: String
    /// Counts saves of the draft from 1: a save that names an older revision is stale.
    public var revision: Int64
    public var updated: Date
    /// The newest published version's number, nil before the first publish.
    public var latestVersion: Int?

    public init(name: String, source: String, tests: String, revision: Int64, updated: Date, latestVersion: Int?) {
        self.name = name
        self.source = source
        self.tests = tests
        self.revision = revision
        self.updated = updated
        self.latestVersion = latestVersion
    }
}
