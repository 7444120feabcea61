/// Finds, for an input, the few rules whose patterns can possibly match it.
///
/// Each pattern yields clauses: sets of words one of which every match contains (a literal word,
/// the first words of a concept's entries, the words of a required group). A pattern is filed
/// under its rarest clause and, when found there, kept only if the input satisfies all its clauses
/// and has the pattern's leading and trailing literal words (if any) at its ends.
public struct PatternIndex: Sendable {
    /// A pattern filed under a word, with what an input needs to keep it, packed together so that
    /// scanning the patterns of a word reads memory in order.
    private struct Posting: Sendable {
        /// The words of the pattern's one-word clauses, hashed into bits.
        let signature: WordSignature
        /// Token count bounds; `maximumLength` is -1 when unbounded.
        let minimumLength: Int32
        let maximumLength: Int32
        /// The word id the first (last) token must have, or -1 when the pattern starts (ends)
        /// with something other than a literal word.
        let firstWord: Int32
        let lastWord: Int32
        /// The `PairSet` bit of two literal words the pattern has side by side, or -1.
        let pair: Int32
        let pattern: Int32

        func admits(count: Int32, first: Int32, last: Int32, signature input: WordSignature, pairs: PairSet) -> Bool {
            minimumLength <= count && (maximumLength < 0 || count <= maximumLength)
                && (firstWord < 0 || firstWord == first) && (lastWord < 0 || lastWord == last)
                && input.covers(signature) && (pair < 0 || pairs.contains(bit: Int(pair)))
        }
    }

    /// The patterns of one input kind (text or control): for each word id, the postings filed
    /// under it, all in one array.
    private struct Part: Sendable {
        var postings: [Posting] = []
        /// Where each word's postings start in `postings`, plus the end.
        var starts: [Int32] = []
        /// Patterns without clauses, checked for every input.
        var always: [Posting] = []

        /// Fills the part from `(word, posting)` pairs in pattern order.
        init(wordCount: Int, filed: [(word: Int32, posting: Posting)], always: [Posting]) {
            var counts = [Int32](repeating: 0, count: wordCount + 1)
            for entry in filed { counts[Int(entry.word) + 1] += 1 }
            for word in 0..<wordCount { counts[word + 1] += counts[word] }
            starts = counts
            postings = filed.sorted { $0.word < $1.word }.map(\.posting)
            self.always = always
        }

        init() {}
    }

    /// How many word ids there are (the size of the patterns' `WordTable`).
    private let wordCount: Int
    /// Clause word ids, clause after clause.
    private var clauseWords: [Int32] = []
    /// Where each clause starts in `clauseWords`, plus the end of the last one.
    private var clauseStarts: [Int32] = [0]
    /// Each pattern's clauses in `clauseStarts`: pattern i has clauses `patternClauses[i]` up to
    /// `patternClauses[i + 1]`.
    private var patternClauses: [Int32] = [0]
    private var text = Part()
    private var control = Part()

    /// An index of `patterns` in rule order, compiled with the ids of `words`; nil stands for a
    /// rule without input, which matches any text form.
    public init(_ patterns: [Pattern?], words: WordTable) {
        wordCount = words.count
        var usable: [Bool] = []
        var frequency = [Int32](repeating: 0, count: words.count)
        var seen = [Bool](repeating: false, count: words.count)
        var postings: [Posting] = []
        for (index, pattern) in patterns.enumerated() {
            // A word without an id can never be in an input, so it satisfies no clause.
            let clauses = (pattern.map { Self.clauses(of: $0.sequence) } ?? []).map { clause in
                clause.map(words.id(of:)).filter { $0 != WordTable.unknown }
            }
            usable.append(!clauses.contains(where: \.isEmpty))
            var counted: [Int32] = []
            var signature = WordSignature()
            for clause in clauses {
                for id in clause {
                    if !seen[Int(id)] {
                        seen[Int(id)] = true
                        counted.append(id)
                        frequency[Int(id)] += 1
                    }
                    clauseWords.append(id)
                }
                if clause.count == 1 { signature.insert(clause[0]) }
                clauseStarts.append(Int32(clauseWords.count))
            }
            patternClauses.append(Int32(clauseStarts.count - 1))
            for id in counted { seen[Int(id)] = false }
            postings.append(Posting(
                signature: signature,
                minimumLength: Int32(clamping: pattern?.minLength ?? 0),
                maximumLength: Int32(clamping: pattern?.maxLength ?? -1),
                firstWord: Self.literal(pattern?.sequence.first).map(words.id(of:)) ?? -1,
                lastWord: Self.literal(pattern?.sequence.last).map(words.id(of:)) ?? -1,
                pair: Self.adjacentWords(pattern?.sequence ?? [], words).map { Int32(PairSet.bit($0, $1)) } ?? -1,
                pattern: Int32(index)))
        }
        var filed: (text: [(word: Int32, posting: Posting)], control: [(word: Int32, posting: Posting)]) = ([], [])
        var always: (text: [Posting], control: [Posting]) = ([], [])
        for (index, pattern) in patterns.enumerated() where usable[index] {
            let clauses = Int(patternClauses[index])..<Int(patternClauses[index + 1])
            let isControl = pattern?.isControl == true
            guard let rarest = clauses.min(by: { cost(of: $0, frequency) < cost(of: $1, frequency) }) else {
                if isControl { always.control.append(postings[index]) } else { always.text.append(postings[index]) }
                continue
            }
            for word in self.words(of: rarest) {
                if isControl {
                    filed.control.append((word, postings[index]))
                } else {
                    filed.text.append((word, postings[index]))
                }
            }
        }
        text = Part(wordCount: wordCount, filed: filed.text, always: always.text)
        control = Part(wordCount: wordCount, filed: filed.control, always: always.control)
    }

    /// Indices (ascending) of the patterns that can possibly match tokens whose word ids are
    /// `ids`: a superset of the real matches. Pass a control input's inside with `control: true`.
    public func candidates(for ids: [Int32], control isControl: Bool) -> [Int] {
        let part = isControl ? control : text
        var present = [UInt64](repeating: 0, count: (wordCount + 63) / 64)
        var words: [Int32] = []
        words.reserveCapacity(ids.count)
        var signature = WordSignature()
        for id in ids where id >= 0 {
            let bit: UInt64 = 1 << (UInt64(id) % 64)
            if present[Int(id) / 64] & bit == 0 {
                words.append(id)
                signature.insert(id)
            }
            present[Int(id) / 64] |= bit
        }
        var pairs = PairSet()
        for position in ids.indices.dropFirst() where ids[position - 1] >= 0 && ids[position] >= 0 {
            pairs.insert(ids[position - 1], ids[position])
        }
        let first = ids.first ?? -1, last = ids.last ?? -1
        let count = Int32(clamping: ids.count)
        var result: [Int] = []
        func keepAdmitted(_ postings: ArraySlice<Posting>) {
            for posting in postings
            where posting.admits(count: count, first: first, last: last, signature: signature, pairs: pairs)
                && satisfies(Int(posting.pattern), present)
            {
                result.append(Int(posting.pattern))
            }
        }
        keepAdmitted(part.always[...])
        for id in words {
            keepAdmitted(part.postings[Int(part.starts[Int(id)])..<Int(part.starts[Int(id) + 1])])
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

    /// The ids of the first two literal words of `sequence` that stand side by side, so that
    /// every match has them side by side too.
    private static func adjacentWords(_ sequence: [PatternNode], _ words: WordTable) -> (Int32, Int32)? {
        for position in sequence.indices.dropFirst() {
            guard let first = literal(sequence[position - 1]), let second = literal(sequence[position]) else { continue }
            let ids = (words.id(of: first), words.id(of: second))
            if ids.0 != WordTable.unknown && ids.1 != WordTable.unknown { return ids }
        }
        return nil
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
