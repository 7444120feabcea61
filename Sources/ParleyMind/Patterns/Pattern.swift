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
    public var captureNames: Set<String> { Set(program.captureNames) }
    /// The number of bare `*`, `+`, `_` and `#`, inside groups too.
    public let positionalCount: Int
    /// Whether the pattern refers to a concept.
    private let mentionsConcepts: Bool
    /// The match form of the first element when it is a literal word (for a control pattern, the
    /// first word inside the brackets: `idle` in `[idle {n:#}]`), else nil.
    public let leadingWord: String?

    /// What the pattern index files the pattern by.
    let anchors: PatternAnchors

    /// Parses and compiles `source`; concepts are looked up in `concepts`, and the words get ids
    /// in `words` (one table for all the patterns matched against the same inputs).
    public convenience init(_ source: String, concepts: ConceptTable, words: inout WordTable) throws(PatternError) {
        var compiler = PatternCompiler()
        try self.init(source, concepts: concepts, words: &words, compiler: &compiler)
    }

    /// `init(_:concepts:words:)` with the buffers of `compiler`, kept for the next pattern.
    init(_ source: String, concepts: ConceptTable, words: inout WordTable, compiler: inout PatternCompiler)
        throws(PatternError)
    {
        let compiled = try compiler.compile(source, concepts: concepts, words: &words)
        self.source = source
        isControl = compiled.isControl
        positionalCount = compiled.positionalCount
        specificity = compiled.specificity
        mentionsConcepts = compiled.mentionsConcepts
        leadingWord = compiled.leadingWord
        minLength = compiled.minLength
        maxLength = compiled.maxLength
        program = compiled.program
        anchors = compiled.anchors
    }

    /// The match forms of the literal words, in written order (found when asked: only warnings need them).
    public var literalWords: [String] {
        PatternCompiler.words(of: source).compactMap { word in
            ["*", "+", "_", "#"].contains(word) || word.hasPrefix("~") ? nil : TextNormalizer.matchForm(of: word)
        }
    }

    /// The concepts the pattern refers to (found when asked: only warnings need them).
    public var conceptNames: Set<String> {
        guard mentionsConcepts else { return [] }
        return Set(PatternCompiler.words(of: source).lazy.filter { $0.hasPrefix("~") }.map { String($0.dropFirst()) })
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
}
