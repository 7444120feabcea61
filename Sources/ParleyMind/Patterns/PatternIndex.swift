/// Finds, for an input, the few rules whose patterns can possibly match it.
///
/// Each pattern yields clauses: sets of words one of which every match contains (a literal word,
/// the first words of a concept's entries, the words of a required group). A pattern is filed
/// under its rarest clause and, when found there, kept only if the input satisfies all its clauses,
/// has the pattern's leading and trailing literal words (if any) at its ends, and has its first two
/// side-by-side literal words (if any) side by side.
public struct PatternIndex: Sendable {
    /// What every scan of a posting reads: the token count bounds and the end words. Kept apart
    /// from the rest (`Detail`), so that scanning a word's patterns reads little memory in order.
    private struct Shape: Sendable {
        /// Token count bounds; `maximumLength` is -1 when unbounded.
        let minimumLength: Int32
        let maximumLength: Int32
        /// The word id the first (last) token must have, or -1 when the pattern starts (ends)
        /// with something other than a literal word.
        let firstWord: Int32
        let lastWord: Int32

        /// The most tokens the pattern can match (`Int32.max` when unbounded).
        var reach: Int32 { maximumLength < 0 ? .max : maximumLength }

        func admits(count: Int32, first: Int32, last: Int32) -> Bool {
            minimumLength <= count && (maximumLength < 0 || count <= maximumLength)
                && (firstWord < 0 || firstWord == first) && (lastWord < 0 || lastWord == last)
        }
    }

    /// The rest of a posting, read only when its shape admits the input.
    private struct Detail: Sendable {
        /// The `PairSet` bit of two literal words the pattern has side by side, or -1.
        let pair: Int32
        /// Two words of one-word clauses the input must have, or -1.
        let required: (Int32, Int32)
        /// Where the pattern's other clauses start in `clauseData`, or -1 when it has none.
        let clauses: Int32
        let pattern: Int32

        func admits(pairs: PairSet, present: WordBits) -> Bool {
            (pair < 0 || pairs.contains(bit: Int(pair)))
                && (required.0 < 0 || present.contains(required.0)) && (required.1 < 0 || present.contains(required.1))
        }
    }

    /// A pattern filed under a word, with what an input needs to keep it.
    private struct Posting: Sendable {
        let shape: Shape
        let detail: Detail
    }

    /// The patterns of one input kind (text or control): for each word id, the postings filed
    /// under it, then the patterns without clauses (checked for every input) as if filed under
    /// one more word; all in two parallel arrays, each word's longest reach first (so that a long
    /// input stops at the first pattern too short for it).
    private struct Part: Sendable {
        var shapes: [Shape] = []
        var details: [Detail] = []
        /// Where each word's postings start, plus the end (the last range holds the patterns
        /// without clauses).
        var starts: [Int32] = []

        /// Fills the part from `(word, posting)` pairs; `always` are the patterns without clauses.
        init(wordCount: Int, filed: [(word: Int32, posting: Posting)], always: [Posting]) {
            var counts = [Int32](repeating: 0, count: wordCount + 2)
            for entry in filed { counts[Int(entry.word) + 1] += 1 }
            counts[wordCount + 1] = Int32(always.count)
            for word in 0...wordCount { counts[word + 1] += counts[word] }
            starts = counts
            // Placed word by word.
            var next = counts
            var postings = Array(unsafeUninitializedCapacity: filed.count + always.count) { buffer, initialized in
                for entry in filed {
                    (buffer.baseAddress.unsafelyUnwrapped + Int(next[Int(entry.word)])).initialize(to: entry.posting)
                    next[Int(entry.word)] += 1
                }
                (buffer.baseAddress.unsafelyUnwrapped + filed.count).initialize(from: always, count: always.count)
                initialized = filed.count + always.count
            }
            for word in 0...wordCount {
                postings[Int(counts[word])..<Int(counts[word + 1])].sort { $0.shape.reach > $1.shape.reach }
            }
            shapes = postings.map(\.shape)
            details = postings.map(\.detail)
        }

        init() {}
    }

    /// How many word ids there are (the size of the patterns' `WordTable`).
    private let wordCount: Int
    /// The clauses postings do not hold themselves, pattern after pattern: a clause count, then
    /// each clause as its word count followed by its word ids.
    private var clauseData: [Int32] = []
    private var text = Part()
    private var control = Part()

    /// An index of `patterns` in rule order, compiled with the ids of `words`; nil stands for a
    /// rule without input, which matches any text form.
    public init(_ patterns: [Pattern?], words: WordTable) {
        wordCount = words.count
        // One pass over the patterns copies what filing needs next to each other (each pattern
        // is read once: they are spread over memory) and counts how many patterns have each
        // word in a clause.
        var gathered: [Gathered] = []
        gathered.reserveCapacity(patterns.count)
        var allClauses: [Int32] = []
        var frequency = [Int32](repeating: 0, count: words.count)
        var seen = [Bool](repeating: false, count: words.count)
        var counted: [Int32] = []
        for pattern in patterns {
            guard let pattern else {
                gathered.append(Gathered(
                    shape: Shape(minimumLength: 0, maximumLength: -1, firstWord: -1, lastWord: -1), pair: -1,
                    isControl: false, clauses: allClauses.count..<allClauses.count))
                continue
            }
            let anchors = pattern.anchors
            let start = allClauses.count
            allClauses += anchors.clauses
            gathered.append(Gathered(
                shape: Shape(
                    minimumLength: Int32(clamping: pattern.minLength), maximumLength: Int32(clamping: pattern.maxLength ?? -1),
                    firstWord: anchors.firstWord, lastWord: anchors.lastWord),
                pair: anchors.pair.0 < 0 ? -1 : Int32(PairSet.bit(anchors.pair.0, anchors.pair.1)),
                isControl: pattern.isControl, clauses: start..<allClauses.count))
            anchors.forEachClause { clause in
                for id in clause where !seen[Int(id)] {
                    seen[Int(id)] = true
                    counted.append(id)
                    frequency[Int(id)] += 1
                }
            }
            for id in counted { seen[Int(id)] = false }
            counted.removeAll(keepingCapacity: true)
        }
        var filed: (text: [(word: Int32, posting: Posting)], control: [(word: Int32, posting: Posting)]) = ([], [])
        filed.text.reserveCapacity(patterns.count)
        var always: (text: [Posting], control: [Posting]) = ([], [])
        var required: [Int32] = []
        var others: [Range<Int>] = []
        for (index, pattern) in gathered.enumerated() {
            var impossible = false
            var rarest: Range<Int>?
            var rarestCost = Int.max
            required.removeAll(keepingCapacity: true)
            others.removeAll(keepingCapacity: true)
            var position = pattern.clauses.lowerBound
            while position < pattern.clauses.upperBound {
                let clause = (position + 1)..<(position + 1 + Int(allClauses[position]))
                position = clause.upperBound
                if clause.isEmpty { impossible = true }
                if clause.count == 1, required.count < 2 {
                    required.append(allClauses[clause.lowerBound])
                } else {
                    others.append(clause)
                }
                let cost = allClauses[clause].reduce(0) { $0 + Int(frequency[Int($1)]) }
                if cost < rarestCost {
                    rarest = clause
                    rarestCost = cost
                }
            }
            guard !impossible else { continue }
            var clauseStart: Int32 = -1
            if !others.isEmpty {
                clauseStart = Int32(clauseData.count)
                clauseData.append(Int32(others.count))
                for clause in others {
                    clauseData.append(Int32(clause.count))
                    clauseData += allClauses[clause]
                }
            }
            let posting = Posting(
                shape: pattern.shape,
                detail: Detail(
                    pair: pattern.pair, required: (required.first ?? -1, required.dropFirst().first ?? -1),
                    clauses: clauseStart, pattern: Int32(index)))
            guard let rarest else {
                if pattern.isControl { always.control.append(posting) } else { always.text.append(posting) }
                continue
            }
            for word in allClauses[rarest] {
                if pattern.isControl { filed.control.append((word, posting)) } else { filed.text.append((word, posting)) }
            }
        }
        text = Part(wordCount: wordCount, filed: filed.text, always: always.text)
        control = Part(wordCount: wordCount, filed: filed.control, always: always.control)
    }

    /// What filing a pattern needs, copied from it.
    private struct Gathered {
        let shape: Shape
        /// The `PairSet` bit of its first two literal words side by side, or -1.
        let pair: Int32
        let isControl: Bool
        /// Its clauses in the gathered clause array (see `PatternAnchors.clauses`).
        let clauses: Range<Int>
    }

    /// Indices (ascending) of the patterns that can possibly match tokens whose word ids are
    /// `ids`: a superset of the real matches. Pass a control input's inside with `control: true`.
    public func candidates(for ids: [Int32], control isControl: Bool) -> [Int] {
        candidates(for: InputWords(ids, wordCount: wordCount), control: isControl)
    }

    /// `candidates(for:control:)` of an input already summarized (with the ids of this index's table).
    func candidates(for input: InputWords, control isControl: Bool) -> [Int] {
        let part = isControl ? control : text
        let present = input.present, pairs = input.pairs
        let first = input.first, last = input.last, count = input.count
        var result: [Int] = []
        result.reserveCapacity(64)
        part.shapes.withUnsafeBufferPointer { shapes in
            part.details.withUnsafeBufferPointer { details in
                part.starts.withUnsafeBufferPointer { starts in
                    func keepAdmitted(filedUnder word: Int) {
                        for offset in Int(starts[word])..<Int(starts[word + 1]) {
                            let shape = shapes[offset]
                            if shape.reach < count { break }
                            guard shape.admits(count: count, first: first, last: last) else { continue }
                            let detail = details[offset]
                            if detail.admits(pairs: pairs, present: present)
                                && (detail.clauses < 0 || satisfies(clausesAt: Int(detail.clauses), present))
                            {
                                result.append(Int(detail.pattern))
                            }
                        }
                    }
                    keepAdmitted(filedUnder: wordCount)
                    let distinct = input.distinct
                    guard distinct.count > 16 else {
                        for id in distinct { keepAdmitted(filedUnder: Int(id)) }
                        return
                    }
                    // Of many words, the reach of each word's first posting is read for all words
                    // first, reads that do not wait on one another, so that the words with none
                    // long enough (most of a long input's) are passed over without a read that must wait.
                    withUnsafeTemporaryAllocation(of: Int32.self, capacity: distinct.count) { firstReach in
                        for (position, id) in distinct.enumerated() {
                            let start = Int(starts[Int(id)])
                            firstReach[position] = start < Int(starts[Int(id) + 1]) ? shapes[start].reach : -1
                        }
                        for (position, id) in distinct.enumerated() where firstReach[position] >= count {
                            keepAdmitted(filedUnder: Int(id))
                        }
                    }
                }
            }
        }
        // In order and each once: by a bit per pattern up to the highest found when those bits
        // are few for the count (reading them costs less than sorting), else by sorting.
        let highest = result.max() ?? 0
        if highest / 64 < 4 * result.count {
            let unique = result.withUnsafeMutableBufferPointer { found in
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: highest / 64 + 1) { bits in
                    bits.initialize(repeating: 0)
                    for pattern in found { bits[pattern >> 6] |= 1 << UInt64(pattern & 63) }
                    var written = 0
                    for word in bits.indices {
                        var remaining = bits[word]
                        while remaining != 0 {
                            found[written] = word << 6 | remaining.trailingZeroBitCount
                            written += 1
                            remaining &= remaining - 1
                        }
                    }
                    return written
                }
            }
            result.removeLast(result.count - unique)
        } else {
            result.sortAndRemoveRepeats()
        }
        return result
    }

    /// True when each clause stored at `offset` in `clauseData` has a word in `present`.
    private func satisfies(clausesAt offset: Int, _ present: WordBits) -> Bool {
        clauseData.withUnsafeBufferPointer { clauseData in
            var position = offset + 1
            for _ in 0..<Int(clauseData[offset]) {
                let end = position + 1 + Int(clauseData[position])
                var found = false
                for word in (position + 1)..<end where present.contains(clauseData[word]) {
                    found = true
                    break
                }
                guard found else { return false }
                position = end
            }
            return true
        }
    }
}
