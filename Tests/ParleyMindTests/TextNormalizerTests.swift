import Testing
@testable import ParleyMind

@Suite struct TextNormalizerTests {
    private func matches(_ text: String) -> [String] { TextNormalizer.tokens(of: text).map(\.match) }
    private func texts(_ text: String) -> [String] { TextNormalizer.tokens(of: text).map(\.text) }

    @Test func stripsEdgePunctuationAndLowercases() {
        #expect(TextNormalizer.tokens(of: "Joe.") == [Token(text: "Joe", match: "joe")])
        #expect(matches("\"Hello,\" she said!!") == ["hello", "she", "said"])
        #expect(texts("(Hello)") == ["Hello"])
    }

    @Test func keepsInnerPunctuation() {
        #expect(matches("what's joe@example.com U.S.A. e-mail") == ["what's", "joe@example.com", "u.s.a", "e-mail"])
    }

    @Test func minusBeforeDigitIsASign() {
        #expect(matches("-300 --5 - -x 300- 2.5.") == ["-300", "-5", "x", "300", "2.5"])
    }

    @Test func typographicApostrophesFoldInMatchFormOnly() {
        let tokens = TextNormalizer.tokens(of: "What\u{2019}s \u{2018}quoted\u{2019}")
        #expect(tokens == [Token(text: "What\u{2019}s", match: "what's"), Token(text: "quoted", match: "quoted")])
        #expect(TextNormalizer.matchForm(of: "don\u{2018}t") == "don't")
    }

    @Test func normalizesToNFC() {
        let decomposed = "Cafe\u{301}"
        let tokens = TextNormalizer.tokens(of: decomposed)
        #expect(tokens.map { Array($0.text.unicodeScalars) } == [Array("Caf\u{E9}".unicodeScalars)])
        #expect(tokens.map { Array($0.match.unicodeScalars) } == [Array("caf\u{E9}".unicodeScalars)])
        #expect(TextNormalizer.scalarCount(decomposed) == 4)
        #expect(TextNormalizer.scalarCount("🇫🇷") == 2)
    }

    @Test func usesFullLowercaseMapping() {
        #expect(TextNormalizer.matchForm(of: "ÆBLE") == "æble")
        #expect(Array(TextNormalizer.matchForm(of: "İ").unicodeScalars) == ["i", "\u{307}"])
    }

    @Test func splitsAtUnicodeWhiteSpaceAndDropsEmptyTokens() {
        #expect(matches("a\u{00A0}b\u{2003}c\td\ne ... — !") == ["a", "b", "c", "d", "e"])
        #expect(matches("   ").isEmpty)
        #expect(matches("").isEmpty)
    }

    @Test func capturesReturnStrippedTextJoinedBySingleSpaces() throws {
        let pattern = try LonePattern("my name is {name}", concepts: ConceptTable([]))
        let match = try #require(pattern.match(TextNormalizer.tokens(of: "My name is Joe Smith, Jr.")))
        #expect(match.value(of: "name") == "Joe Smith Jr")
    }

    @Test func matchFormOfPunctuationIsEmpty() {
        #expect(TextNormalizer.matchForm(of: "?!") == "")
        #expect(TextNormalizer.matchForm(of: "Hi!") == "hi")
    }

    @Test func recognisesNumbers() {
        for number in ["0", "42", "-3", "2.5", "-0.75", "007"] { #expect(TextNormalizer.isNumber(number)) }
        for other in ["", "-", "2.", ".5", "1e3", "+3", "1.2.3", "--1", "٣", "x1"] { #expect(!TextNormalizer.isNumber(other)) }
    }
}
