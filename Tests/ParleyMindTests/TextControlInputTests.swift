import Testing
@testable import ParleyMind

@Suite struct TextControlInputTests {
    @Test func parsesNameAndArguments() throws {
        let input = try #require(ControlInput.parse("  [idle 3]\n"))
        #expect(input.name == "idle")
        #expect(input.arguments == ["3"])
        #expect(input.tokens.map(\.match) == ["idle", "3"])
    }

    @Test func nameIsAMatchFormAndArgumentsKeepText() throws {
        let input = try #require(ControlInput.parse("[Navigate Products -5]"))
        #expect(input.name == "navigate")
        #expect(input.arguments == ["Products", "-5"])
    }

    @Test func emptyBracketsAreAControlInputWithoutName() throws {
        let input = try #require(ControlInput.parse("[]"))
        #expect(input.name == "")
        #expect(input.arguments.isEmpty)
        #expect(input.tokens.isEmpty)
    }

    @Test(arguments: ["hello", "[idle 3] now", "say [idle 3]", "[a [b]]", "[a] [b]", "[a]]", "[", "]", "[a", ""])
    func textInputsAreNotControlInputs(_ input: String) {
        #expect(ControlInput.parse(input) == nil)
    }
}
