/// Finds, for an input, the few rules whose patterns can possibly match it.
public struct PatternIndex: Sendable {
    /// The patterns of one input kind (text or control).
    private struct Part: Sendable {
        /// Pattern indices by a word that every match of the pattern contains.
        var byWord: [String: [Int]] = [:]
        /// Patterns with no such word, checked for every input.
        var always: [Int] = []

        mutating func add(_ index: Int, anchor: Set<String>?) {
            guard let anchor else {
                always.append(index)
                return
            }
            for word in anchor { byWord[word, default: []].append(index) }
        }
    }

    private var text = Part()
    private var control = Part()
    /// Each pattern's token count bounds; a rule without input has (0, nil).
    private var bounds: [(min: Int, max: Int?)] = []

    /// An index of `patterns` in rule order; nil stands for a rule without input, which matches
    /// any text form.
    public init(_ patterns: [Pattern?]) {
        for (index, pattern) in patterns.enumerated() {
            bounds.append((pattern?.minLength ?? 0, pattern?.maxLength))
            let anchor = pattern.flatMap { Self.anchor(of: $0.sequence) }
            if pattern?.isControl == true {
                control.add(index, anchor: anchor)
            } else {
                text.add(index, anchor: anchor)
            }
        }
    }

    /// Indices (ascending) of the patterns that can possibly match these tokens: a superset of
    /// the real matches. Pass a control input's inside tokens with `control: true`.
    public func candidates(for tokens: [Token], control isControl: Bool) -> [Int] {
        let part = isControl ? control : text
        var found = Set(part.always)
        for word in Set(tokens.map(\.match)) {
            found.formUnion(part.byWord[word] ?? [])
        }
        return found
            .filter { bounds[$0].min <= tokens.count && bounds[$0].max.map { tokens.count <= $0 } ?? true }
            .sorted()
    }

    /// A smallest set of words one of which every match of `sequence` contains, or nil if the
    /// sequence has no required element that gives one.
    private static func anchor(of sequence: [PatternNode]) -> Set<String>? {
        var best: Set<String>?
        for node in sequence {
            let words: Set<String>?
            switch node {
            case .word(let word): words = [word]
            case .concept(_, let entries): words = Set(entries.compactMap(\.first))
            case .group(let alternatives, optional: false):
                words = alternatives.reduce(Set<String>() as Set<String>?) { result, alternative in
                    guard let result, let words = anchor(of: alternative) else { return nil }
                    return result.union(words)
                }
            case .group(_, optional: true), .wildcard: words = nil
            }
            if let words, words.count < best?.count ?? .max { best = words }
        }
        return best
    }
}
