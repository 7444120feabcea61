@testable import ParleyMind

/// A pattern compiled with a word table of its own, for tests that match one pattern directly.
@dynamicMemberLookup
struct LonePattern {
    let pattern: Pattern
    let words: WordTable

    init(_ source: String, concepts: ConceptTable) throws(PatternError) {
        var words = WordTable()
        pattern = try Pattern(source, concepts: concepts, words: &words)
        self.words = words
    }

    subscript<Value>(dynamicMember key: KeyPath<Pattern, Value>) -> Value {
        pattern[keyPath: key]
    }

    func match(_ tokens: [Token]) -> PatternMatch? {
        pattern.match(tokens, words: words)
    }
}
