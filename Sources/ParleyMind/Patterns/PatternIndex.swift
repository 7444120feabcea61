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

    /// Ids of the words that occur in clauses.
    private var wordIDs: [String: Int32] = [:]
    /// Clause word ids, clause after clause.
    private var clauseWords: [Int32] = []
    /// Where each clause starts in `clauseWords`, plus the end of the last one.
    private var clauseStarts: [Int32] = [0]
    /// Where each pattern's clauses start in `clauseStarts`, plus the end of the last one.
    private var patternClauses: [Int32] = [0]
    private var text = Part()
    private var control = Part()
    /// Each pattern's token count bounds; a rule without input has (0, nil).
    private var minimumLengths: [Int32] = []
    private var maximumLengths: [Int32] = []
    /// Each pattern's word id that the first (last) token must have, or -1 when it starts (ends)
    /// with something other than a literal word.
    private var firstWords: [Int32] = []
    private var lastWords: [Int32] = []

    /// An index of `patterns` in rule order; nil stands for a rule without input, which matches
    /// any text form.
    public init(_ patterns: [Pattern?]) {
        var usable: [Bool] = []
        var frequency: [Int32] = []
        for pattern in patterns {
            minimumLengths.append(Int32(clamping: pattern?.minLength ?? 0))
            maximumLengths.append(Int32(clamping: pattern?.maxLength ?? -1))
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
            patternClauses.append(Int32(clauseStarts.count - 1))
            firstWords.append(Self.literal(pattern?.sequence.first).flatMap { wordIDs[$0] } ?? -1)
            lastWords.append(Self.literal(pattern?.sequence.last).flatMap { wordIDs[$0] } ?? -1)
        }
        text.postings = Array(repeating: [], count: wordIDs.count)
        control.postings = text.postings
        for (index, pattern) in patterns.enumerated() where usable[index] {
            let clauses = Int(patternClauses[index])..<Int(patternClauses[index + 1])
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
        for token in tokens {
            if let id = wordIDs[token.match] {
                if present[Int(id) / 64] & (1 << (UInt64(id) % 64)) == 0 { words.append(id) }
                present[Int(id) / 64] |= 1 << (UInt64(id) % 64)
            }
        }
        let first = tokens.first.flatMap { wordIDs[$0.match] } ?? -1
        let last = tokens.last.flatMap { wordIDs[$0.match] } ?? -1
        var found = part.always
        for id in words { found.append(contentsOf: part.postings[Int(id)]) }
        let count = Int32(clamping: tokens.count)
        var result: [Int] = []
        for index in found {
            let slot = Int(index)
            guard minimumLengths[slot] <= count, maximumLengths[slot] < 0 || count <= maximumLengths[slot],
                firstWords[slot] < 0 || firstWords[slot] == first, lastWords[slot] < 0 || lastWords[slot] == last,
                satisfies(slot, present)
            else { continue }
            result.append(slot)
        }
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
    private func satisfies(_ pattern: Int, _ present: [UInt64]) -> Bool {
        for clause in Int(patternClauses[pattern])..<Int(patternClauses[pattern + 1]) {
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
