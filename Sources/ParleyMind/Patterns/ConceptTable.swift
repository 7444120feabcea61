/// The `concepts` of a mind: named sets of words and phrases, used as `~name` in patterns.
public struct ConceptTable: Sendable {
    private let table: [String: [[String]]]
    /// The entries of each concept in preference order (more words first, ties in written
    /// order), computed once and shared by every pattern that uses the concept.
    private let preferred: [String: [[String]]]

    /// A table from concepts in document order; of two equal names the first wins, and an entry
    /// with no words is ignored.
    public init(_ concepts: [(name: String, entries: [String])]) {
        var table: [String: [[String]]] = [:]
        for concept in concepts where table[concept.name] == nil {
            table[concept.name] = concept.entries
                .map { TextNormalizer.tokens(of: $0).map(\.match) }
                .filter { !$0.isEmpty }
        }
        self.table = table
        preferred = table.mapValues(Self.preferenceOrder(entries:))
    }

    /// The match-form words of each entry of the concept `name`, or nil if there is none.
    public func entries(_ name: String) -> [[String]]? {
        table[name]
    }

    /// The entries of the concept `name` in preference order, or nil if there is none.
    func preferredEntries(_ name: String) -> [[String]]? {
        preferred[name]
    }

    /// Concept entries in preference order: more words first, ties in written order.
    private static func preferenceOrder(entries: [[String]]) -> [[String]] {
        entries.enumerated()
            .sorted { ($0.element.count, $1.offset) > ($1.element.count, $0.offset) }
            .map { $0.element }
    }
}
