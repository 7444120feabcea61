import Testing
@testable import ParleyMind

@Suite struct PatternIndexTests {
    static let concepts = ConceptTable([("ab", ["a", "a b", "b c"]), ("none", [])])

    @Test func findsPatternsByRequiredWord() throws {
        var words = WordTable()
        let patterns: [Pattern?] = try (0..<1000).map { try Pattern("w\($0) *", concepts: Self.concepts, words: &words) }
            + [nil, try Pattern("*", concepts: Self.concepts, words: &words),
               try Pattern("[auto *]", concepts: Self.concepts, words: &words)]
        let index = PatternIndex(patterns, words: words)
        func candidates(_ text: String, control: Bool) -> [Int] {
            index.candidates(for: words.ids(of: TextNormalizer.tokens(of: text)), control: control)
        }
        #expect(candidates("w7 and w42", control: false) == [7, 1000, 1001])
        #expect(candidates("w42 w7", control: false) == [42, 1000, 1001])
        // A leading literal word must be the first token.
        #expect(candidates("say w7", control: false) == [1000, 1001])
        #expect(candidates("nothing here", control: false) == [1000, 1001])
        #expect(candidates("auto", control: true) == [1002])
        #expect(candidates("w7", control: true).isEmpty)
    }

    @Test func usesConceptsGroupsAndLengthBounds() throws {
        let sources = ["~ab x", "(p q|r) *", "[p] _ _", "~none *", "a b c"]
        var words = WordTable()
        let index = PatternIndex(try sources.map { try Pattern($0, concepts: Self.concepts, words: &words) }, words: words)
        func candidates(_ text: String, control: Bool) -> [Int] {
            index.candidates(for: words.ids(of: TextNormalizer.tokens(of: text)), control: control)
        }
        #expect(candidates("b c x", control: false) == [0, 2])
        #expect(candidates("r", control: false) == [1])
        #expect(candidates("z z", control: false) == [2])
        #expect(candidates("z z z z", control: false).isEmpty)
        #expect(candidates("a b c", control: false) == [2, 4])
    }

    @Test func candidatesAreASupersetOfMatchesAndMatchesAgreeWithBacktracking() throws {
        var random = PatternTestRandom(seed: 0x5eed)
        for _ in 0..<40 {
            let sources = (0..<30).map { _ in randomPattern(&random) }
            var words = WordTable()
            let patterns = try sources.map { try Pattern($0, concepts: Self.concepts, words: &words) }
            let index = PatternIndex(patterns, words: words)
            for _ in 0..<40 {
                let input = (0..<random.next(below: 8)).map { _ in ["a", "b", "c", "x", "1", "-2.5"][random.next(below: 6)] }
                let tokens = TextNormalizer.tokens(of: input.joined(separator: " "))
                for control in [false, true] {
                    let candidates = Set(index.candidates(for: words.ids(of: tokens), control: control))
                    for (i, pattern) in patterns.enumerated() where pattern.isControl == control {
                        let found = pattern.match(tokens, words: words)
                        #expect(found == ReferenceMatcher.match(pattern, tokens), "\(pattern.source) on \(input)")
                        if found != nil {
                            #expect(candidates.contains(i), "\(pattern.source) on \(input) missing from candidates")
                        }
                    }
                }
            }
        }
    }

    private func randomPattern(_ random: inout PatternTestRandom) -> String {
        let sequence = randomSequence(&random, depth: 0)
        return random.next(below: 5) == 0 ? "[\(sequence)]" : sequence
    }

    private func randomSequence(_ random: inout PatternTestRandom, depth: Int) -> String {
        (0..<(1 + random.next(below: 4))).map { _ in randomElement(&random, depth: depth) }.joined(separator: " ")
    }

    private func randomElement(_ random: inout PatternTestRandom, depth: Int) -> String {
        let simple = ["a", "b", "c", "x", "*", "+", "_", "#", "{p}", "{q:*}", "{p:_}", "{q:#}", "~ab"]
        guard depth < 2, random.next(below: 4) == 0 else { return simple[random.next(below: simple.count)] }
        let alternatives = (0..<(1 + random.next(below: 3))).map { _ in randomSequence(&random, depth: depth + 1) }
        let inside = alternatives.joined(separator: "|")
        return random.next(below: 2) == 0 ? "(\(inside))" : "[\(inside)]"
    }
}

/// A plain exponential backtracking matcher over a tree of the pattern's elements, the test
/// oracle for the automaton: it parses the (valid) source itself, tries the choices in
/// preference order and returns the first success.
private struct ReferenceMatcher {
    indirect enum Node {
        case word(String)
        /// A wildcard: `*`, `+`, `_` or `#`, and its capture (a name, or the positional index).
        case wildcard(Character, name: String?, position: Int)
        case concept([[String]])
        case group([[Node]], optional: Bool)

        var minLength: Int {
            switch self {
            case .word: 1
            case .wildcard(let kind, _, _): kind == "*" ? 0 : 1
            case .concept(let entries): entries.map(\.count).min() ?? 0
            case .group(let alternatives, let optional):
                optional ? 0 : alternatives.map { $0.reduce(0) { $0 + $1.minLength } }.min() ?? 0
            }
        }
    }

    struct Captures {
        var named: [String: String]
        var positional: [String]
    }

    let tokens: [Token]

    static func match(_ pattern: Pattern, _ tokens: [Token]) -> PatternMatch? {
        var parser = Parser(pieces: lex(pattern.source), concepts: PatternIndexTests.concepts)
        var nodes = parser.sequence()
        if pattern.isControl, case .group(let alternatives, optional: true) = nodes[0] {
            nodes = alternatives.count == 1 ? alternatives[0] : [.group(alternatives, optional: false)]
        }
        let start = Captures(
            named: Dictionary(uniqueKeysWithValues: pattern.captureNames.map { ($0, "") }),
            positional: Array(repeating: "", count: pattern.positionalCount))
        let found = ReferenceMatcher(tokens: tokens).run(nodes[...], 0, start) { position, captures in
            position == tokens.count ? captures : nil
        }
        return found.map { PatternMatch(named: $0.named, positional: $0.positional) }
    }

    /// Brackets, bars, captures and words, as strings.
    static func lex(_ source: String) -> [String] {
        var pieces: [String] = []
        var word = ""
        var capture: String?
        for character in source {
            if capture != nil {
                capture! += String(character)
                if character == "}" {
                    pieces.append(capture!)
                    capture = nil
                }
                continue
            }
            if "()[]|{".contains(character) || character == " " {
                if !word.isEmpty { pieces.append(word) }
                word = ""
                if character == "{" { capture = "{" } else if character != " " { pieces.append(String(character)) }
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { pieces.append(word) }
        return pieces
    }

    struct Parser {
        let pieces: [String]
        let concepts: ConceptTable
        var position = 0
        var positional = 0

        /// Elements up to a bar, a closing bracket or the end.
        mutating func sequence() -> [Node] {
            var nodes: [Node] = []
            while position < pieces.count {
                let piece = pieces[position]
                if piece == "|" || piece == ")" || piece == "]" { break }
                position += 1
                switch piece {
                case "(", "[":
                    var alternatives = [sequence()]
                    while pieces[position] == "|" {
                        position += 1
                        alternatives.append(sequence())
                    }
                    position += 1
                    nodes.append(.group(alternatives, optional: piece == "["))
                case "*", "+", "_", "#":
                    nodes.append(.wildcard(piece.first!, name: nil, position: positional))
                    positional += 1
                default:
                    if piece.hasPrefix("{") {
                        let parts = piece.dropFirst().dropLast().split(separator: ":")
                        nodes.append(.wildcard(parts.count == 2 ? parts[1].first! : "+", name: String(parts[0]), position: 0))
                    } else if piece.hasPrefix("~") {
                        let entries = concepts.entries(String(piece.dropFirst())) ?? []
                        // More words first, ties in written order.
                        let ordered = entries.enumerated().sorted { ($0.1.count, $1.0) > ($1.1.count, $0.0) }.map(\.1)
                        nodes.append(.concept(ordered))
                    } else {
                        nodes.append(.word(TextNormalizer.matchForm(of: piece)))
                    }
                }
            }
            return nodes
        }
    }

    func run(
        _ nodes: ArraySlice<Node>, _ position: Int, _ captures: Captures,
        _ then: (Int, Captures) -> Captures?
    ) -> Captures? {
        guard let node = nodes.first else { return then(position, captures) }
        let rest = nodes.dropFirst()
        switch node {
        case .word(let word):
            guard position < tokens.count, tokens[position].match == word else { return nil }
            return run(rest, position + 1, captures, then)
        case .wildcard(let kind, let name, let index):
            let remaining = tokens.count - position
            let lengths: [Int]
            switch kind {
            case "*": lengths = Array(0...remaining)
            case "+": lengths = remaining >= 1 ? Array(1...remaining) : []
            case "_": lengths = remaining >= 1 ? [1] : []
            default: lengths = remaining >= 1 && TextNormalizer.isNumber(tokens[position].match) ? [1] : []
            }
            for length in lengths {
                var next = captures
                let value = tokens[position..<(position + length)].map(\.text).joined(separator: " ")
                if let name { next.named[name] = value } else { next.positional[index] = value }
                if let found = run(rest, position + length, next, then) { return found }
            }
            return nil
        case .concept(let entries):
            for entry in entries where tokens[position...].prefix(entry.count).map(\.match) == entry {
                if let found = run(rest, position + entry.count, captures, then) { return found }
            }
            return nil
        case .group(let alternatives, let optional):
            // Fewest-words length descending, ties in written order.
            let lengths = alternatives.map { $0.reduce(0) { $0 + $1.minLength } }
            for index in alternatives.indices.sorted(by: { (lengths[$0], $1) > (lengths[$1], $0) }) {
                let found = run(alternatives[index][...], position, captures) { end, inner in run(rest, end, inner, then) }
                if let found { return found }
            }
            return optional ? run(rest, position, captures, then) : nil
        }
    }
}

/// A small deterministic generator for property tests.
private struct PatternTestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
