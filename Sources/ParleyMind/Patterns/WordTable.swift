/// Ids of the words patterns test for, shared by every pattern of a mind, so that matching and
/// candidate lookup compare integers instead of strings.
public struct WordTable: Sendable {
    /// The id of a word no pattern tests for.
    public static let unknown: Int32 = -1

    private var ids: [String: Int32] = [:]

    /// An empty table.
    public init() {}

    /// How many words have ids (ids run from 0 to `count - 1`).
    public var count: Int { ids.count }

    /// The id of `word` (a match form), given a new one when the table has none yet.
    public mutating func intern(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(ids.count)
        ids[word] = id
        return id
    }

    /// The id of `word` (a match form), or `unknown`.
    public func id(of word: String) -> Int32 {
        ids[word] ?? Self.unknown
    }

    /// The id of each token's match form, `unknown` where no pattern tests for it.
    public func ids(of tokens: [Token]) -> [Int32] {
        tokens.map { ids[$0.match] ?? Self.unknown }
    }
}
