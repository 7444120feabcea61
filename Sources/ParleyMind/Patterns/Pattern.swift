/// A compiled `input` pattern (mind language section 3); immutable, a class so that passing it
/// around copies one reference.
public final class Pattern: Sendable {
    // What matching reads comes first, so that it shares the object's first cache line.
    /// The fewest tokens the pattern can match.
    let minLength: Int
    /// The most tokens the pattern can match, or nil when unbounded.
    let maxLength: Int?
    private let program: PatternProgram
    /// The pattern as written.
    public let source: String
    /// Whether this is a control pattern (one bracketed group with nothing around it).
    public let isControl: Bool
    /// How specific the pattern is, for ranking.
    public let specificity: Specificity
    /// The names of the named captures.
    public let captureNames: Set<String>
    /// The number of bare `*`, `+`, `_` and `#`, inside groups too.
    public let positionalCount: Int
    /// The concepts the pattern refers to.
    public let conceptNames: Set<String>
    /// The match form of the first element when it is a literal word (for a control pattern, the
    /// first word inside the brackets: `idle` in `[idle {n:#}]`), else nil.
    public let leadingWord: String?

    /// The elements; a control pattern's are those inside its brackets.
    let sequence: [PatternNode]

    /// Parses and compiles `source`; concepts are looked up in `concepts`, and the words get ids
    /// in `words` (one table for all the patterns matched against the same inputs).
    public init(_ source: String, concepts: ConceptTable, words: inout WordTable) throws(PatternError) {
        let parsed = try PatternParser.parse(source, concepts: concepts)
        self.source = source
        self.isControl = parsed.isControl
        self.sequence = parsed.sequence
        self.positionalCount = parsed.positionalCount
        self.specificity = Self.specificity(of: parsed.sequence)
        var captureNames: Set<String> = []
        var conceptNames: Set<String> = []
        Self.visit(parsed.sequence) { node in
            switch node {
            case .wildcard(_, .named(let name)): captureNames.insert(name)
            case .concept(let name, _): conceptNames.insert(name)
            case .word, .wildcard(_, .positional), .group: break
            }
        }
        self.captureNames = captureNames
        self.conceptNames = conceptNames
        if case .word(let word) = parsed.sequence.first { leadingWord = word } else { leadingWord = nil }
        self.minLength = PatternNode.minLength(parsed.sequence)
        self.maxLength = PatternNode.maxLength(parsed.sequence)
        self.program = PatternProgram(parsed.sequence, positionalCount: parsed.positionalCount, words: &words)
    }

    /// The match forms of the literal words, in written order (found when asked: only warnings need them).
    public var literalWords: [String] {
        var words: [String] = []
        Self.visit(sequence) { node in
            if case .word(let word) = node { words.append(word) }
        }
        return words
    }

    /// The preferred match of the whole token list, or nil when the pattern does not match;
    /// `words` is the table the pattern was compiled with.
    public func match(_ tokens: [Token], words: WordTable) -> PatternMatch? {
        match(tokens, ids: words.ids(of: tokens))
    }

    /// `match(_:words:)` with the tokens' word ids already looked up.
    func match(_ tokens: [Token], ids: [Int32]) -> PatternMatch? {
        guard tokens.count >= minLength, maxLength.map({ tokens.count <= $0 }) ?? true else { return nil }
        return program.match(tokens, ids: ids)
    }

    private static func visit(_ sequence: [PatternNode], _ body: (PatternNode) -> Void) {
        for node in sequence {
            body(node)
            if case .group(let alternatives, _) = node {
                for alternative in alternatives { visit(alternative, body) }
            }
        }
    }

    /// Section 6(c): a required group counts the smallest of each count among its alternatives,
    /// an optional group counts nothing.
    private static func specificity(of sequence: [PatternNode]) -> Specificity {
        var literals = 0, concepts = 0, singles = 0, multis = 0
        for node in sequence {
            switch node {
            case .word: literals += 1
            case .concept: concepts += 1
            case .wildcard(.one, _), .wildcard(.number, _): singles += 1
            case .wildcard(.any, _), .wildcard(.some, _): multis += 1
            case .group(_, optional: true): break
            case .group(let alternatives, optional: false):
                let counts = alternatives.map(specificity(of:))
                literals += counts.lazy.map { $0.literals }.min() ?? 0
                concepts += counts.lazy.map { $0.concepts }.min() ?? 0
                singles += counts.lazy.map { $0.singles }.min() ?? 0
                multis += counts.lazy.map { $0.multis }.min() ?? 0
            }
        }
        return Specificity(literals: literals, concepts: concepts, singles: singles, multis: multis)
    }
}
