/// One element of a parsed pattern.
indirect enum PatternNode: Sendable, Hashable {
    /// What a wildcard or capture matches.
    enum Kind: Sendable, Hashable {
        /// `*`: zero or more words.
        case any
        /// `+`: one or more words.
        case some
        /// `_`: exactly one word.
        case one
        /// `#`: exactly one number.
        case number
    }

    /// Where a wildcard's words are captured.
    enum Slot: Sendable, Hashable {
        /// A bare wildcard: `{index + 1}`.
        case positional(Int)
        /// A named capture.
        case named(String)
    }

    /// A literal word, by match form.
    case word(String)
    /// A wildcard or capture.
    case wildcard(Kind, Slot)
    /// `~name`: one of the entries (match-form words), in preference order.
    case concept(name: String, entries: [[String]])
    /// `( | )` or, when optional, `[ | ]`: alternatives in written order.
    case group(alternatives: [[PatternNode]], optional: Bool)

    /// The fewest words this element can match.
    var minLength: Int {
        switch self {
        case .word: 1
        case .wildcard(let kind, _): kind == .any ? 0 : 1
        case .concept(_, let entries): entries.lazy.map { $0.count }.min() ?? 0
        case .group(let alternatives, let optional):
            optional ? 0 : alternatives.lazy.map { PatternNode.minLength($0) }.min() ?? 0
        }
    }

    /// The most words this element can match, or nil when unbounded.
    var maxLength: Int? {
        switch self {
        case .word: 1
        case .wildcard(let kind, _): kind == .any || kind == .some ? nil : 1
        case .concept(_, let entries): entries.lazy.map { $0.count }.max() ?? 0
        case .group(let alternatives, _):
            alternatives.reduce(0 as Int?) { result, alternative in
                guard let result, let length = PatternNode.maxLength(alternative) else { return nil }
                return max(result, length)
            }
        }
    }

    /// The fewest words a sequence can match.
    static func minLength(_ sequence: [PatternNode]) -> Int {
        var length = 0
        for node in sequence { length += node.minLength }
        return length
    }

    /// The most words a sequence can match, or nil when unbounded.
    static func maxLength(_ sequence: [PatternNode]) -> Int? {
        var total = 0
        for node in sequence {
            guard let length = node.maxLength else { return nil }
            total += length
        }
        return total
    }

    /// Alternatives in preference order: fewest-words length descending, ties in written order.
    static func preferenceOrder(_ alternatives: [[PatternNode]]) -> [[PatternNode]] {
        let lengths = alternatives.map { minLength($0) }
        // Often already in that order.
        if zip(lengths, lengths.dropFirst()).allSatisfy({ $0 >= $1 }) { return alternatives }
        return alternatives.indices.sorted { (lengths[$0], $1) > (lengths[$1], $0) }.map { alternatives[$0] }
    }

    /// Concept entries in preference order: more words first, ties in written order.
    static func preferenceOrder(entries: [[String]]) -> [[String]] {
        entries.enumerated()
            .sorted { ($0.element.count, $1.offset) > ($1.element.count, $0.offset) }
            .map { $0.element }
    }
}
