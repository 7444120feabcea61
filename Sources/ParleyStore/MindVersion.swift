import Foundation

/// One published version of a studio mind: immutable once stored.
public struct MindVersion: Sendable, Hashable {
    public var mind: String
    /// Counts from 1 per mind.
    public var number: Int
    public var source: String
    /// The SHA-256 of the source, in hexadecimal.
    public var hash: String
    public var published: Date
    /// When the next version was published; nil for the latest.
    public var superseded: Date?

    public init(mind: String, number: Int, source: String, hash: String, published: Date, superseded: Date?) {
        self.mind = mind
        self.number = number
        self.source = source
        self.hash = hash
        self.published = published
        self.superseded = superseded
    }
}
