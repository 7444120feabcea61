/// Compiles a pattern's source (mind language section 3) in one pass over its bytes: parses it
/// and links the automaton, while adding up what ranking, rule checks and the pattern index need,
/// without building a tree of elements.
struct PatternCompiler {
    /// What a compiled pattern is made of.
    struct Output {
        let program: PatternProgram
        let isControl: Bool
        let positionalCount: Int
        let specificity: Specificity
        let minLength: Int
        let maxLength: Int?
        let mentionsConcepts: Bool
        let leadingWord: String?
        let anchors: PatternAnchors
    }

    /// What a wildcard or capture matches.
    private enum Kind {
        /// `*`: zero or more words.
        case any
        /// `+`: one or more words.
        case some
        /// `_`: exactly one word.
        case one
        /// `#`: exactly one number.
        case number
    }

    /// What one sequence of elements (the pattern, or an alternative of a group) adds up to, and
    /// the states it runs between.
    private struct Summary {
        var minLength = 0
        /// nil when unbounded.
        var maxLength: Int? = 0
        var literals = 0, concepts = 0, singles = 0, multis = 0
        var elements = 0
        /// The id of the first element when it is a literal word, else -1.
        var firstWord: Int32 = -1
        /// The id of the last element when it is a literal word, else -1.
        var lastWord: Int32 = -1
        /// The first two literal words side by side.
        var pair: (Int32, Int32) = (-1, -1)
        /// The match form of the first element when it is a literal word.
        var leadingWord: String?
        /// The number of the sequence's first clause in the compiler's clause list.
        let clauseStart: Int
        /// The state the sequence starts from, and the state it has reached.
        let entry: Int32
        var end: Int32

        init(clauseStart: Int, entry: Int32) {
            self.clauseStart = clauseStart
            self.entry = entry
            end = entry
        }

        /// Adds a literal word (its match form is needed only when it is the first element).
        mutating func addWord(_ id: Int32, _ word: String?) {
            if elements == 0 {
                firstWord = id
                leadingWord = word
            }
            if lastWord >= 0 && pair.0 < 0 { pair = (lastWord, id) }
            minLength += 1
            maxLength = maxLength.map { $0 + 1 }
            literals += 1
            elements += 1
            lastWord = id
        }

        /// Adds an element other than a literal word, matching `minimum` to `maximum` words.
        mutating func addOther(minimum: Int, maximum: Int?) {
            minLength += minimum
            maxLength = maxLength.flatMap { total in maximum.map { total + $0 } }
            elements += 1
            lastWord = -1
        }
    }

    // Buffers kept from pattern to pattern, so that compiling many allocates little.
    /// The lexemes of the pattern, and the next one to parse.
    private var pieces: [PatternLexer.Piece] = []
    private var next = 0
    private var links: [PatternProgram.Link] = []
    /// Clauses found so far, one after another, and where each ends in `clauseIDs`.
    private var clauseIDs: [Int32] = []
    private var clauseEnds: [Int] = []
    /// The word ids of each concept the patterns compiled so far refer to.
    private var conceptWords: [String: ConceptWords] = [:]
    /// The alternatives of the groups being parsed, innermost last.
    private var alternatives: [Summary] = []
    /// Room for building one clause.
    private var scratch: [Int32] = []

    // The pattern being compiled.
    /// The UTF-8 bytes of its NFC form (valid only while compiling).
    private var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var isControl = false
    private var positionalCount = 0
    private var positionalSeen = 0
    private var stateCount: Int32 = 1
    /// Slot names: the positional slots first, then one slot per named capture in written order.
    private var slotNames: [String?] = []
    private var mentionsConcepts = false
    /// How many groups enclose the current position.
    private var depth = 0
    /// The deepest nesting of groups allowed, so that deep nesting is an error, not a stack overflow.
    static let maxDepth = 32

    /// A concept's entries as word ids.
    private struct ConceptWords {
        /// The entries in preference order (more words first, ties in written order).
        let entries: [[Int32]]
        /// The first word of each entry, each once, ascending.
        let firstWords: [Int32]
        /// The fewest and most words of an entry.
        let minimum: Int
        let maximum: Int
    }

    /// A compiler with empty buffers, for patterns of one mind: it remembers the word ids of the
    /// concepts it has seen, so use it with one concept table and one word table.
    init() {}

    /// The names of the concepts the patterns compiled so far refer to.
    var usedConcepts: Set<String> { Set(conceptWords.keys) }

    /// Compiles `source` (any normalization form; columns count scalars of its NFC form); its
    /// concepts are looked up in `concepts` and its words get ids in `words`.
    mutating func compile(_ source: String, concepts: ConceptTable, words: inout WordTable) throws(PatternError) -> Output {
        var text = TextNormalizer.nfc(source)
        let result = text.withUTF8 { bytes -> Result<Output, PatternError> in
            self.bytes = bytes
            defer { self.bytes = UnsafeBufferPointer(start: nil, count: 0) }
            do throws(PatternError) {
                try lex()
                return .success(try compile(concepts, &words))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The words of `source` (a pattern that compiles) in written order, as written: literal
    /// words, wildcards and `~concept` references.
    static func words(of source: String) -> [String] {
        var text = TextNormalizer.nfc(source)
        return text.withUTF8 { bytes in
            var lexer = PatternLexer(bytes)
            var words: [String] = []
            while let piece = try? lexer.next() {
                if case .word(let range) = piece.lexeme { words.append(Self.text(bytes, range)) }
            }
            return words
        }
    }

    /// Reads the lexemes (so brace errors and an empty pattern are reported before any other
    /// error), counts the positional wildcards and finds whether this is a control pattern (one
    /// bracketed group with nothing around it); resets the rest.
    private mutating func lex() throws(PatternError) {
        var lexer = PatternLexer(bytes)
        pieces.removeAll(keepingCapacity: true)
        var positional = 0, named = 0
        var startsOptional = false
        var openDepth = 0
        var firstGroupEnd = -1
        while let piece = try lexer.next() {
            switch piece.lexeme {
            case .open(let optional):
                if pieces.isEmpty { startsOptional = optional }
                openDepth += 1
            case .close:
                openDepth -= 1
                if openDepth == 0 && firstGroupEnd < 0 { firstGroupEnd = pieces.count }
            case .word(let range):
                if Self.positionalKind(bytes, range) != nil { positional += 1 }
            case .capture:
                named += 1
            case .bar:
                break
            }
            pieces.append(piece)
        }
        guard !pieces.isEmpty else { throw PatternError(column: 1, message: "empty pattern") }
        next = 0
        isControl = startsOptional && firstGroupEnd == pieces.count - 1
        positionalCount = positional
        positionalSeen = 0
        stateCount = 1
        slotNames = Array(repeating: nil, count: positional)
        slotNames.reserveCapacity(positional + named)
        mentionsConcepts = false
        depth = 0
        links.removeAll(keepingCapacity: true)
        clauseIDs.removeAll(keepingCapacity: true)
        clauseEnds.removeAll(keepingCapacity: true)
        alternatives.removeAll(keepingCapacity: true)
    }

    /// The next lexeme to parse, or nil at the end.
    private mutating func nextPiece() -> PatternLexer.Piece? {
        guard next < pieces.count else { return nil }
        next += 1
        return pieces[next - 1]
    }

    /// The kind of a bare `*`, `+`, `_` or `#`, else nil.
    private static func positionalKind(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Kind? {
        guard range.count == 1 else { return nil }
        switch bytes[range.lowerBound] {
        case UInt8(ascii: "*"): return .any
        case UInt8(ascii: "+"): return .some
        case UInt8(ascii: "_"): return .one
        case UInt8(ascii: "#"): return .number
        default: return nil
        }
    }

    // MARK: Parsing

    private mutating func compile(_ concepts: ConceptTable, _ words: inout WordTable) throws(PatternError) -> Output {
        var top: Summary
        if isControl {
            // The elements are those inside the brackets: one alternative is the sequence itself,
            // several are a required group.
            let opener = pieces[0]
            next = 1
            depth = 1
            let base = try parseAlternatives(opener: (optional: true, column: opener.column), from: 0, concepts, &words)
            if alternatives.count - base == 1 {
                top = alternatives.removeLast()
                link(0, top.entry)
            } else {
                top = Summary(clauseStart: 0, entry: 0)
                closeGroup(at: base, optional: false, into: &top)
            }
        } else {
            _ = try parseAlternatives(opener: nil, from: 0, concepts, &words)
            top = alternatives.removeLast()
        }
        var flat: [Int32] = []
        if !clauseEnds.isEmpty {
            flat.reserveCapacity(clauseEnds.count + clauseIDs.count)
            for clause in 0..<clauseEnds.count {
                let range = clauseRange(clause)
                flat.append(Int32(range.count))
                flat += clauseIDs[range]
            }
        }
        return Output(
            program: PatternProgram(links: links, stateCount: Int(stateCount), accept: Int(top.end), slotNames: slotNames),
            isControl: isControl, positionalCount: positionalCount,
            specificity: Specificity(literals: top.literals, concepts: top.concepts, singles: top.singles, multis: top.multis),
            minLength: top.minLength, maxLength: top.maxLength, mentionsConcepts: mentionsConcepts,
            leadingWord: top.leadingWord,
            anchors: PatternAnchors(firstWord: top.firstWord, lastWord: top.lastWord, pair: top.pair, clauses: flat))
    }

    /// Parses the alternatives of the group whose opening bracket was just read, up to and
    /// including its closing bracket, each from its own new entry state; with no opener, parses
    /// the whole rest as one sequence from `start`. The alternatives are pushed on
    /// `alternatives`; returns where they start there.
    private mutating func parseAlternatives(
        opener: (optional: Bool, column: Int)?, from start: Int32, _ concepts: ConceptTable, _ words: inout WordTable
    ) throws(PatternError) -> Int {
        let base = alternatives.count
        var current = Summary(clauseStart: clauseEnds.count, entry: opener == nil ? start : newState())
        while let piece = nextPiece() {
            let column = piece.column
            switch piece.lexeme {
            case .bar:
                guard opener != nil else { throw PatternError(column: column, message: "'|' outside a group") }
                guard current.elements > 0 else { throw PatternError(column: column, message: "empty alternative") }
                alternatives.append(current)
                current = Summary(clauseStart: clauseEnds.count, entry: newState())
            case .close(let closesOptional):
                let closer = closesOptional ? "]" : ")"
                guard let opener else { throw PatternError(column: column, message: "unbalanced '\(closer)'") }
                guard closesOptional == opener.optional else {
                    throw PatternError(
                        column: column,
                        message: "'\(closer)' does not close '\(opener.optional ? "[" : "(")' of column \(opener.column)")
                }
                guard current.elements > 0 else {
                    throw PatternError(column: column, message: alternatives.count == base ? "empty group" : "empty alternative")
                }
                alternatives.append(current)
                return base
            case .open(let optional):
                depth += 1
                guard depth <= Self.maxDepth else {
                    throw PatternError(column: column, message: "groups nested more than \(Self.maxDepth) deep")
                }
                let inner = try parseAlternatives(opener: (optional, column), from: current.end, concepts, &words)
                depth -= 1
                closeGroup(at: inner, optional: optional, into: &current)
            case .word(let range):
                try word(range, column: column, into: &current, concepts, &words)
            case .capture(let range):
                try capture(range, column: column, into: &current)
            }
        }
        if let opener {
            throw PatternError(column: opener.column, message: "unbalanced '\(opener.optional ? "[" : "(")'")
        }
        alternatives.append(current)
        return base
    }

    private mutating func word(
        _ range: Range<Int>, column: Int, into sequence: inout Summary, _ concepts: ConceptTable,
        _ words: inout WordTable
    ) throws(PatternError) {
        if let kind = Self.positionalKind(bytes, range) {
            positionalSeen += 1
            wildcard(kind, slot: positionalSeen - 1, into: &sequence)
            return
        }
        let word = UnsafeBufferPointer(rebasing: bytes[range])
        // Most words are already match forms: lowercase ASCII letters and digits.
        if word.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }) {
            let id = words.intern(word)
            sequence.end = link(word: id, from: sequence.end)
            sequence.addWord(id, sequence.elements == 0 ? Self.text(bytes, range) : nil)
            appendClause(CollectionOfOne(id))
            return
        }
        try otherWord(Self.text(bytes, range), column: column, into: &sequence, concepts, &words)
    }

    /// A word that is not plain lowercase letters and digits: a concept reference or a word to
    /// take the match form of.
    private mutating func otherWord(
        _ word: String, column: Int, into sequence: inout Summary, _ concepts: ConceptTable, _ words: inout WordTable
    ) throws(PatternError) {
        if word.utf8.first == UInt8(ascii: "~") {
            let name = String(word.dropFirst())
            guard !name.isEmpty else { throw PatternError(column: column, message: "missing concept name after '~'") }
            guard let found = conceptWords(name, concepts, &words) else {
                throw PatternError(column: column, message: "unknown concept \"~\(name)\"")
            }
            mentionsConcepts = true
            concept(found, into: &sequence)
            return
        }
        let match = TextNormalizer.matchForm(of: word)
        guard !match.isEmpty else {
            throw PatternError(column: column, message: "pattern word \"\(word)\" is only punctuation")
        }
        let id = words.intern(match)
        sequence.end = link(word: id, from: sequence.end)
        sequence.addWord(id, match)
        appendClause(CollectionOfOne(id))
    }

    private mutating func capture(_ range: Range<Int>, column: Int, into sequence: inout Summary) throws(PatternError) {
        let colon = bytes[range].firstIndex(of: UInt8(ascii: ":")) ?? range.upperBound
        let name = Self.text(bytes, range.lowerBound..<colon)
        guard Self.isIdentifier(name) else {
            throw PatternError(column: column, message: "bad capture name \"\(name)\"")
        }
        let kind: Kind
        if colon == range.upperBound {
            kind = .some
        } else if colon + 2 == range.upperBound, let written = Self.positionalKind(bytes, (colon + 1)..<range.upperBound) {
            kind = written
        } else {
            let other = Self.text(bytes, (colon + 1)..<range.upperBound)
            throw PatternError(column: column, message: "bad capture kind \"\(other)\" (use *, +, _ or #)")
        }
        slotNames.append(name)
        wildcard(kind, slot: slotNames.count - 1, into: &sequence)
    }

    /// The text of `range` of `bytes`.
    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Whether `name` matches `[A-Za-z_][A-Za-z0-9_]*`.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || isASCIILetter(first) else { return false }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isASCIILetter($0) || (0x30...0x39).contains($0) }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte)
    }

    // MARK: Linking

    private mutating func newState() -> Int32 {
        stateCount += 1
        return stateCount - 1
    }

    private mutating func link(_ from: Int32, _ to: Int32, test: Int32 = PatternProgram.Edge.takesNothing,
                               mark: PatternProgram.Mark = .none) {
        links.append(PatternProgram.Link(from: from, edge: PatternProgram.Edge(test: test, mark: mark, target: Int(to))))
    }

    /// Links an edge taking the word `id` from `start`; returns the state it reaches.
    private mutating func link(word id: Int32, from start: Int32) -> Int32 {
        let end = newState()
        link(start, end, test: id)
        return end
    }

    private mutating func wildcard(_ kind: Kind, slot: Int, into sequence: inout Summary) {
        let start = sequence.end
        let opened = newState(), end = newState()
        link(start, opened, mark: .open(slot))
        switch kind {
        case .any:
            link(opened, end, mark: .close(slot))
            link(opened, opened, test: PatternProgram.Edge.takesAny)
            sequence.addOther(minimum: 0, maximum: nil)
            sequence.multis += 1
        case .some:
            let taken = newState()
            link(opened, taken, test: PatternProgram.Edge.takesAny)
            link(taken, end, mark: .close(slot))
            link(taken, taken, test: PatternProgram.Edge.takesAny)
            sequence.addOther(minimum: 1, maximum: nil)
            sequence.multis += 1
        case .one, .number:
            let taken = newState()
            link(opened, taken, test: kind == .one ? PatternProgram.Edge.takesAny : PatternProgram.Edge.takesNumber)
            link(taken, end, mark: .close(slot))
            sequence.addOther(minimum: 1, maximum: 1)
            sequence.singles += 1
        }
        sequence.end = end
    }

    /// `~name`: one of the entries (match-form words, in preference order).
    private mutating func concept(_ concept: ConceptWords, into sequence: inout Summary) {
        let start = sequence.end
        let end = newState()
        for entry in concept.entries {
            let entryState = newState()
            link(start, entryState)
            var state = entryState
            for id in entry { state = link(word: id, from: state) }
            link(state, end)
        }
        sequence.addOther(minimum: concept.minimum, maximum: concept.maximum)
        sequence.concepts += 1
        sequence.end = end
        appendClause(concept.firstWords)
    }

    /// The word ids of the concept `name` (nil when the mind has no such concept), worked out
    /// at its first use.
    private mutating func conceptWords(_ name: String, _ concepts: ConceptTable, _ words: inout WordTable) -> ConceptWords? {
        if let known = conceptWords[name] { return known }
        guard let entries = concepts.preferredEntries(name) else { return nil }
        let ids = entries.map { entry in entry.map { words.intern($0) } }
        var firstWords = ids.compactMap(\.first)
        firstWords.sortAndRemoveRepeats()
        let found = ConceptWords(
            entries: ids, firstWords: firstWords, minimum: ids.lazy.map(\.count).min() ?? 0,
            maximum: ids.lazy.map(\.count).max() ?? 0)
        conceptWords[name] = found
        return found
    }

    /// Links the alternatives on `alternatives` from `base` as one group after `sequence` (in
    /// preference order: fewest-words length descending, ties in written order; an optional
    /// group tries skipping last), adds it to `sequence` and pops them.
    private mutating func closeGroup(at base: Int, optional: Bool, into sequence: inout Summary) {
        let start = sequence.end
        let end = newState()
        let firstClause = alternatives.count > base ? alternatives[base].clauseStart : clauseEnds.count
        let bounded = link(group: alternatives[base...], optional: optional, from: start, to: end, into: &sequence)
        while alternatives.count > base { alternatives.removeLast() }
        let firstID = firstClause == 0 ? 0 : clauseEnds[firstClause - 1]
        while clauseIDs.count > firstID { clauseIDs.removeLast() }
        while clauseEnds.count > firstClause { clauseEnds.removeLast() }
        if bounded { appendScratchClause() }
    }

    /// `closeGroup`'s links and sums; leaves the group's clause in `scratch` and returns true
    /// when it has one.
    private mutating func link(
        group members: ArraySlice<Summary>, optional: Bool, from start: Int32, to end: Int32, into sequence: inout Summary
    ) -> Bool {
        // Usually already in preference order.
        var ordered = true
        for index in members.indices.dropFirst() where members[index - 1].minLength < members[index].minLength {
            ordered = false
            break
        }
        if ordered {
            for alternative in members { link(start, alternative.entry) }
        } else {
            for index in members.indices.sorted(by: { (members[$0].minLength, $1) > (members[$1].minLength, $0) }) {
                link(start, members[index].entry)
            }
        }
        for alternative in members { link(alternative.end, end) }
        if optional { link(start, end) }

        var maximum: Int? = 0
        for alternative in members {
            guard let total = maximum, let length = alternative.maxLength else {
                maximum = nil
                break
            }
            maximum = max(total, length)
        }
        if optional {
            sequence.addOther(minimum: 0, maximum: maximum)
        } else {
            sequence.addOther(minimum: members.lazy.map(\.minLength).min() ?? 0, maximum: maximum)
            sequence.literals += members.lazy.map(\.literals).min() ?? 0
            sequence.concepts += members.lazy.map(\.concepts).min() ?? 0
            sequence.singles += members.lazy.map(\.singles).min() ?? 0
            sequence.multis += members.lazy.map(\.multis).min() ?? 0
        }
        sequence.end = end

        // A required group's clause: the union of a smallest clause of each alternative, if
        // each has one.
        var bounded = !optional
        scratch.removeAll(keepingCapacity: true)
        if bounded {
            for (position, alternative) in zip(members.indices, members) {
                let clauseEnd = position + 1 < members.endIndex ? members[position + 1].clauseStart : clauseEnds.count
                guard let smallest = (alternative.clauseStart..<clauseEnd).min(by: {
                    clauseRange($0).count < clauseRange($1).count
                }) else {
                    bounded = false
                    break
                }
                scratch += clauseIDs[clauseRange(smallest)]
            }
        }
        return bounded
    }

    // MARK: Clauses

    private func clauseRange(_ clause: Int) -> Range<Int> {
        (clause == 0 ? 0 : clauseEnds[clause - 1])..<clauseEnds[clause]
    }

    private mutating func appendClause(_ ids: some Collection<Int32>) {
        clauseIDs.append(contentsOf: ids)
        clauseEnds.append(clauseIDs.count)
    }

    /// Appends the ids in `scratch`, each once and ascending, as one clause.
    private mutating func appendScratchClause() {
        scratch.sortAndRemoveRepeats()
        appendClause(scratch)
    }
}
