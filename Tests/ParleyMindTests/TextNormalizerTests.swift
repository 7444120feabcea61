import Testing
@testable import ParleyMind

@Suite struct TextNormalizerTests {
    @Test func stripsEdgePunctuationAndLowercases() {
        let tokens = TextNormalizer.tokens(of: "Joe.")
        #expect(tokens == [Token(text: "Joe", match: "joe")])
    }
}
