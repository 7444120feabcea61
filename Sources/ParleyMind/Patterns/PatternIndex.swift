/// Finds, for an input, the few rules whose patterns can possibly match it.
///
/// Each pattern yields clauses: sets of words one of which every match contains (a literal word,
/// the first words of a concept's entries, the words of a required group). A pattern is filed
/// under its rarest clause and, when found there, kept only if the input satisfies all its clauses
/// and has the pattern's leading and trailing literal words (if any) at its ends.
public struct PatternIndex: Sendable {
    /// The patterns of one input kind (text or control).
    private struct Part: Sendable {
        /// Pattern indices (ascending) filed under each word id.
        var postings: [[Int32]] = []
        /// Patterns without clauses, checked for every input.
        var always: [Int32] = []

        /// Files a pattern under each word of its anchor clause, or under `always` without one.
        mutating func file(_ index: Int32, under anchor: ArraySlice<Int32>?) {
            guard let anchor else {
                always.append(index)
                return
            }
            for word in anchor { postings[Int(word)].append(index) }
        }
    }

    /// What a pattern needs from an input beyond its anchor, packed for one memory read.
    private struct Filter: Sendable {
        /// Token count bounds; `maximumLength` is -1 when unbounded.
        let minimumLength: Int32
        let maximumLength: Int32
        /// The word id the first (last) token must have, or -1 when the pattern starts (ends)
        /// with something other than a literal word.
        let firstWord: Int32
        let lastWord: Int32
        /// The pattern's clauses in `clauseStarts`.
        let clauseStart: Int32
        let clauseEnd: Int32

        func admits(count: Int32, first: Int32, last: Int32) -> Bool {
            minimumLength <= count && (maximumLength < 0 || count <= maximumLength)
                && (firstWord < 0 || firstWord == first) && (lastWord < 0 || lastWord == last)
        }
    }

    /// Ids of the words that occur in clauses.
    private var wordIDs: [String: Int32] = [:]
    /// Clause word ids, clause after clause.
    private var clauseWords: [Int32] = []
    /// Where each clause starts in `clauseWords`, plus the end of the last one.
    private var clauseStarts: [Int32] = [0]
    private var text = Part()
    private var control = Part()
    /// Each pattern's filter; a rule without input needs nothing.
    private var filters: [Filter] = []

    /// An index of `patterns` in rule order; nil stands for a rule without input, which matches
    /// any text form.
    public init(_ patterns: [Pattern?]) {
        var usable: [Bool] = []
        var frequency: [Int32] = []
        for pattern in patterns {
            let clauseStart = Int32(clauseStarts.count - 1)
            let clauses = pattern.map { Self.clauses(of: $0.sequence) } ?? []
            usable.append(!clauses.contains(where: \.isEmpty))
            var seen: Set<Int32> = []
            for clause in clauses {
                for word in clause {
                    let id = wordIDs[word] ?? {
                        let id = Int32(wordIDs.count)
                        wordIDs[word] = id
                        frequency.append(0)
                        return id
                    }()
                    if seen.insert(id).inserted { frequency[Int(id)] += 1 }
                    clauseWords.append(id)
                }
                clauseStarts.append(Int32(clauseWords.count))
            }
            filters.append(Filter(
                minimumLength: Int32(clamping: pattern?.minLength ?? 0),
                maximumLength: Int32(clamping: pattern?.maxLength ?? -1),
                firstWord: Self.literal(pattern?.sequence.first).flatMap { wordIDs[$0] } ?? -1,
                lastWord: Self.literal(pattern?.sequence.last).flatMap { wordIDs[$0] } ?? -1,
                clauseStart: clauseStart, clauseEnd: Int32(clauseStarts.count - 1)))
        }
        text.postings = Array(repeating: [], count: wordIDs.count)
        control.postings = text.postings
        for (index, pattern) in patterns.enumerated() where usable[index] {
            let clauses = Int(filters[index].clauseStart)..<Int(filters[index].clauseEnd)
            let rarest = clauses.min { cost(of: $0, frequency) < cost(of: $1, frequency) }
            let id = Int32(index)
            if pattern?.isControl == true {
                control.file(id, under: rarest.map(words(of:)))
            } else {
                text.file(id, under: rarest.map(words(of:)))
            }
        }
    }

    /// Indices (ascending) of the patterns that can possibly match these tokens: a superset of
    /// the real matches. Pass a control input's inside tokens with `control: true`.
    public func candidates(for tokens: [Token], control isControl: Bool) -> [Int] {
        let part = isControl ? control : text
        var present = [UInt64](repeating: 0, count: (wordIDs.count + 63) / 64)
        var words: [Int32] = []
        words.reserveCapacity(tokens.count)
        var first: Int32 = -1, last: Int32 = -1
        for (position, token) in tokens.enumerated() {
            let id = wordIDs[token.match] ?? -1
            if position == 0 { first = id }
            last = id
            guard id >= 0 else { continue }
            if present[Int(id) / 64] & (1 << (UInt64(id) % 64)) == 0 { words.append(id) }
            present[Int(id) / 64] |= 1 << (UInt64(id) % 64)
        }
        let count = Int32(clamping: tokens.count)
        var result: [Int] = []
        func keepAdmitted(_ postings: [Int32]) {
            for index in postings {
                let filter = filters[Int(index)]
                guard filter.admits(count: count, first: first, last: last), satisfies(filter, present) else { continue }
                result.append(Int(index))
            }
        }
        keepAdmitted(part.always)
        for id in words { keepAdmitted(part.postings[Int(id)]) }
        result.sort()
        var unique = 0
        for slot in result where unique == 0 || result[unique - 1] != slot {
            result[unique] = slot
            unique += 1
        }
        result.removeLast(result.count - unique)
        return result
    }

    /// True when every clause of the pattern has a word in `present` (a bit set of word ids).
    private func satisfies(_ filter: Filter, _ present: [UInt64]) -> Bool {
        for clause in Int(filter.clauseStart)..<Int(filter.clauseEnd) {
            guard words(of: clause).contains(where: { present[Int($0) / 64] & (1 << (UInt64($0) % 64)) != 0 }) else {
                return false
            }
        }
        return true
    }

    private func words(of clause: Int) -> ArraySlice<Int32> {
        clauseWords[Int(clauseStarts[clause])..<Int(clauseStarts[clause + 1])]
    }

    /// How many patterns share the clause's words: the work of filing a pattern under it.
    private func cost(of clause: Int, _ frequency: [Int32]) -> Int {
        words(of: clause).reduce(0) { $0 + Int(frequency[Int($1)]) }
    }

    /// The word of a literal word element.
    private static func literal(_ node: PatternNode?) -> String? {
        if case .word(let word)? = node { return word }
        return nil
    }

    /// The clauses every match of `sequence` satisfies: each a set of words one of which the
    /// match contains. An empty clause means the sequence can never match.
    private static func clauses(of sequence: [PatternNode]) -> [[String]] {
        var clauses: [[String]] = []
        for node in sequence {
            switch node {
            case .word(let word):
                clauses.append([word])
            case .concept(_, let entries):
                clauses.append(Array(Set(entries.compactMap(\.first))).sorted())
            case .group(let alternatives, optional: false):
                var union: Set<String> = []
                var bounded = true
                for alternative in alternatives {
                    guard let words = anchor(of: alternative) else {
                        bounded = false
                        break
                    }
                    union.formUnion(words)
                }
                if bounded { clauses.append(union.sorted()) }
            case .group(_, optional: true), .wildcard:
                break
            }
        }
        return clauses
    }

    /// A smallest clause of `sequence`, or nil if it has none.
    private static func anchor(of sequence: [PatternNode]) -> [String]? {
        clauses(of: sequence).min { $0.count < $1.count }
    }
}
