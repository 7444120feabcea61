import Testing
@testable import ParleyMind

@Suite struct TextSubstitutionsTests {
    private func apply(_ pairs: [(from: String, to: String)], _ text: String) -> [String] {
        Substitutions(pairs).apply(to: TextNormalizer.tokens(of: text)).map(\.text)
    }

    @Test func replacesWholeTokensByMatchForm() {
        #expect(apply([("what's", "what is")], "What\u{2019}s up? whatsoever") == ["what", "is", "up", "whatsoever"])
    }

    @Test func prefersTheLongestKeyAtTheLeftmostPlace() {
        let pairs: [(from: String, to: String)] = [("good", "fine"), ("good morning", "hello"), ("morning sun", "dawn")]
        #expect(apply(pairs, "good morning sun") == ["hello", "sun"])
        #expect(apply(pairs, "very good") == ["very", "fine"])
    }

    @Test func makesOnePassWithoutResubstituting() {
        let pairs: [(from: String, to: String)] = [("a", "b"), ("b", "c")]
        #expect(apply(pairs, "a b") == ["b", "c"])
    }

    @Test func canRemoveWordsAndKeepsTheFirstOfEqualKeys() {
        let pairs: [(from: String, to: String)] = [("um", ""), ("Hi", "hello"), ("hi!", "hey")]
        #expect(apply(pairs, "um hi there") == ["hello", "there"])
    }

    @Test func listsKeysAsMatchForms() {
        let substitutions = Substitutions([("What's", "what is"), ("I'm  Here", "x"), ("...", "y")])
        #expect(substitutions.keys == ["what's", "i'm here"])
    }
}
