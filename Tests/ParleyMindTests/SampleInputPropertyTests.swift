import Testing
@testable import ParleyMind

/// Property: for generated patterns, an input built from the pattern's own elements makes the
/// rule win when it is the only rule.
@Suite("Property: a rule's own sample input wins")
struct SampleInputPropertyTests {
    private struct Generator {
        var random: SplitMix64
        let words = ["alpha", "beta", "gamma", "delta", "echo", "Foxtrot,", "golf!"]

        mutating func pick<T>(_ choices: [T]) -> T { choices[Int(random.next() % UInt64(choices.count))] }
        mutating func count(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(random.next() % UInt64(range.count))
        }
        mutating func someWords(_ range: ClosedRange<Int>) -> [String] {
            (0..<count(range)).map { _ in pick(words) }
        }

        /// One pattern element and words it matches.
        mutating func element(_ index: Int) -> (pattern: String, input: [String]) {
            switch count(0...9) {
            case 0: return ("*", someWords(0...2))
            case 1: return ("+", someWords(1...2))
            case 2: return ("_", someWords(1...1))
            case 3: return ("#", [pick(["42", "-3", "2.5"])])
            case 4: return ("{c\(index)}", someWords(1...2))
            case 5: return ("{c\(index):*}", someWords(0...2))
            case 6:
                let alternatives = [["red"], ["dark", "blue"], ["green"]]
                return ("(red|dark blue|green)", pick(alternatives))
            case 7: return ("[very|quite]", pick([[], ["very"], ["quite"]]))
            case 8: return ("~colour", pick([["teal"], ["sea", "green"]]))
            default:
                let word = pick(words)
                return (TextNormalizer.matchForm(of: word), [word.uppercased()])
            }
        }
    }

    @Test("200 generated patterns each match their sample input")
    func generatedPatterns() throws {
        var generator = Generator(random: SplitMix64(state: 20_261_121))
        for _ in 0..<200 {
            var parts = (0..<generator.count(1...5)).map { generator.element($0) }
            if parts.count == 1, parts[0].pattern.hasPrefix("[") {
                // A lone optional group would be a control pattern: add a word to keep it text.
                parts.append(("omega", ["omega"]))
            }
            let pattern = parts.map(\.pattern).joined(separator: " ")
            var input = parts.flatMap(\.input).joined(separator: " ")
            if input.isEmpty { input = "." }
            let isControl = generator.count(0...3) == 0 && !parts.flatMap(\.input).isEmpty
            let source = isControl ? "[\(pattern)]" : pattern
            let rulebase = MindFixtures.rules("""
                      - {kind: respond, input: "\(source)", say: "won"}
                """, extra: "concepts: {colour: [teal, sea green]}")
            let mind = try MindFixtures.mind(rulebase)
            let text = isControl ? "[\(input)]" : input
            let output = try mind.reply(to: text, data: .new).output
            #expect(output == "won", "pattern \(source) with input \(text)")
        }
    }
}
