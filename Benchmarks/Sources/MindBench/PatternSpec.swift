/// A generated pattern, kept as elements so that inputs it matches can be made from it.
struct PatternSpec {
    enum Element {
        case word(String)
        case star
        case plus
        case one
        case number
        case choice([[String]])
        case optional([[String]])
        case concept(String)
        case capture(String)
    }

    let elements: [Element]

    /// The pattern as written in a rulebase.
    var text: String {
        elements.map { element in
            switch element {
            case .word(let word): word
            case .star: "*"
            case .plus: "+"
            case .one: "_"
            case .number: "#"
            case .choice(let alternatives): "(" + alternatives.map { $0.joined(separator: " ") }.joined(separator: "|") + ")"
            case .optional(let alternatives): "[" + alternatives.map { $0.joined(separator: " ") }.joined(separator: "|") + "]"
            case .concept(let name): "~" + name
            case .capture(let name): "{\(name)}"
            }
        }.joined(separator: " ")
    }

    /// Names of the captures, for templates.
    var captures: [String] {
        elements.compactMap { element in
            if case .capture(let name) = element { return name }
            return nil
        }
    }

    /// An input this pattern matches (wildcards filled with vocabulary words).
    func input(
        vocabulary: Vocabulary, concepts: [String: [[String]]], random: inout BenchRandom
    ) -> String {
        var words: [String] = []
        for element in elements {
            switch element {
            case .word(let word): words.append(word)
            case .star: for _ in 0..<Int.random(in: 0...3, using: &random) { words.append(vocabulary.word(&random)) }
            case .plus, .capture:
                for _ in 0..<Int.random(in: 1...3, using: &random) { words.append(vocabulary.word(&random)) }
            case .one: words.append(vocabulary.word(&random))
            case .number: words.append(String(Int.random(in: 1...500, using: &random)))
            case .choice(let alternatives): words += alternatives.randomElement(using: &random)!
            case .optional(let alternatives):
                if random.chance(0.5) { words += alternatives.randomElement(using: &random)! }
            case .concept(let name): words += concepts[name]!.randomElement(using: &random)!
            }
        }
        var text = words.joined(separator: " ")
        if random.chance(0.3) { text = text.prefix(1).uppercased() + text.dropFirst() }
        if random.chance(0.3) { text += ["?", ".", "!"].randomElement(using: &random)! }
        return text
    }
}
