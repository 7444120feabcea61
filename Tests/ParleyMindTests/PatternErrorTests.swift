import Testing
@testable import ParleyMind

@Suite struct PatternErrorTests {
    static let concepts = ConceptTable([("greeting", ["hi", "hello"])])

    static let cases: [(source: String, column: Int, message: String)] = [
        ("", 1, "empty pattern"),
        ("   ", 1, "empty pattern"),
        ("hello (a|b", 7, "unbalanced '('"),
        ("hello [a b", 7, "unbalanced '['"),
        ("hello a)", 8, "unbalanced ')'"),
        ("a ] b", 3, "unbalanced ']'"),
        ("(a]", 3, "']' does not close '(' of column 1"),
        ("[a)", 3, "')' does not close '[' of column 1"),
        ("(a||b)", 4, "empty alternative"),
        ("(|b)", 2, "empty alternative"),
        ("(a|)", 4, "empty alternative"),
        ("x ()", 4, "empty group"),
        ("[]", 2, "empty group"),
        ("a | b", 3, "'|' outside a group"),
        ("my {na me}", 4, "bad capture name \"na me\""),
        ("my {1}", 4, "bad capture name \"1\""),
        ("my {}", 4, "bad capture name \"\""),
        ("my {x:?}", 4, "bad capture kind \"?\" (use *, +, _ or #)"),
        ("my {x:}", 4, "bad capture kind \"\" (use *, +, _ or #)"),
        ("my {name", 4, "unbalanced '{'"),
        ("my name}", 8, "unbalanced '}'"),
        ("~greeting ~nope", 11, "unknown concept \"~nope\""),
        ("hi ~", 4, "missing concept name after '~'"),
        ("hi ... there", 4, "pattern word \"...\" is only punctuation"),
        ("hi ** there", 4, "pattern word \"**\" is only punctuation"),
        ("caf\u{65}\u{301} (x", 6, "unbalanced '('"),
        ("é 🇫🇷 (x", 6, "unbalanced '('"),
        ("[a]\u{3000}\u{A0}(x", 6, "unbalanced '('"),
        // Brace errors come first, wherever they are.
        ("a | b }", 7, "unbalanced '}'"),
        ("(a] {x", 5, "unbalanced '{'"),
        // Brackets around everything, but not one group.
        ("[(a]]", 4, "']' does not close '(' of column 2"),
        ("[[a]", 1, "unbalanced '['"),
    ]

    @Test(arguments: cases)
    func reportsMessageAndColumn(_ source: String, _ column: Int, _ message: String) {
        #expect(throws: PatternError(column: column, message: message)) {
            try LonePattern(source, concepts: Self.concepts)
        }
    }
}

extension PatternErrorTests {
    @Test func limitsGroupNesting() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth)
        }
        let allowed = try LonePattern(nested(PatternCompiler.maxDepth), concepts: Self.concepts)
        #expect(allowed.match(TextNormalizer.tokens(of: "a")) != nil)
        #expect(throws: PatternError(column: 33, message: "groups nested more than 32 deep")) {
            try LonePattern(nested(10_000), concepts: Self.concepts)
        }
    }
}
