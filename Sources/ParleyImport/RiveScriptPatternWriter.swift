/// Writes a `RiveScriptPattern` as mind patterns. Wildcards become named captures (`{s1:+}` for
/// `<star1>`); a `_` gets the condition `not Num(...)`, which the import's restate rules make false for
/// numbers. A group whose capture a reply reads becomes `{sN:_}` with a static fact listing its words,
/// or, when its alternatives have several words, one pattern per alternative (its capture then being
/// known text). `@array` is the concept of its entries; `<get name>` a capture equal to the variable.
struct RiveScriptPatternWriter {
    /// One mind pattern for the source pattern, with what its captures hold and its conditions.
    struct Variant: Sendable {
        var pieces: [String] = []
        var captures: [Int: RiveScriptCapture] = [:]
        var conditions: [String] = []
        /// The text this part of the pattern matched, when it is known.
        var parts: [RiveScriptCapture] = []

        var pattern: String { pieces.joined(separator: " ") }

        func appending(_ other: Variant) -> Variant {
            var joined = self
            joined.pieces += other.pieces
            joined.captures.merge(other.captures) { _, new in new }
            joined.conditions += other.conditions
            joined.parts += other.parts
            return joined
        }
    }

    /// The most patterns one source pattern is expanded into.
    static let maximumVariants = 64

    /// `s` for triggers (`{s1}`), `b` for previous patterns (`{b1}`).
    let prefix: String
    /// Whether every wildcard gets a name (previous patterns may have no numbered wildcard).
    let namesEveryWildcard: Bool
    /// Whether a `_` gets the `not Num(...)` condition.
    let checksNumbers: Bool
    /// The captures the replies read.
    let referenced: Set<Int>
    let context: RiveScriptMindContext
    private var counter = 0
    /// How many captured groups being expanded enclose the node read now.
    private var capturing = 0
    private(set) var approximations: [String] = []

    init(prefix: String, namesEveryWildcard: Bool, checksNumbers: Bool, referenced: Set<Int>,
         context: RiveScriptMindContext) {
        self.prefix = prefix
        self.namesEveryWildcard = namesEveryWildcard
        self.checksNumbers = checksNumbers
        self.referenced = referenced
        self.context = context
    }

    /// The mind patterns of `pattern`: empty when it can never match.
    mutating func variants(of pattern: RiveScriptPattern, facts: inout RiveScriptFacts) -> [Variant] {
        approximations = pattern.approximations
        var result: [Variant] = []
        for reading in pattern.readings {
            let undefined = reading.undefinedVariables.map { "{$\(context.variableName($0))} = undefined" }
            result += variants(of: reading.nodes, facts: &facts).map { variant in
                var conditioned = variant
                conditioned.conditions = undefined + variant.conditions
                return conditioned
            }
        }
        return result
    }

    /// The mind patterns of one reading.
    private mutating func variants(of nodes: [RiveScriptPattern.Node], facts: inout RiveScriptFacts) -> [Variant] {
        let start = counter
        if let expanded = sequence(nodes, expand: true, facts: &facts), expanded.count <= Self.maximumVariants {
            return expanded.compactMap(Self.textPattern)
        }
        counter = start
        let compact = sequence(nodes, expand: false, facts: &facts) ?? []
        if !compact.isEmpty {
            approximations.append("a group with many alternatives is matched as a wildcard")
        }
        return compact.compactMap(Self.textPattern)
    }

    /// A variant as a text pattern: nil when empty; a lone optional `[a|b]`, which the mind reads as a
    /// control pattern, as `(a|b)` (rivescript-python's lone optional does not match an empty message).
    private static func textPattern(_ variant: Variant) -> Variant? {
        guard let first = variant.pieces.first else { return nil }
        guard variant.pieces.count == 1, first.hasPrefix("[") else { return variant }
        var text = variant
        text.pieces = ["(" + first.dropFirst().dropLast() + ")"]
        return text
    }

    /// The variants of a sequence, nil when it can never match.
    private mutating func sequence(_ nodes: [RiveScriptPattern.Node], expand: Bool, facts: inout RiveScriptFacts)
        -> [Variant]?
    {
        var result = [Variant()]
        for node in nodes {
            guard let options = variants(of: node, expand: expand, facts: &facts), !options.isEmpty else { return nil }
            result = result.flatMap { head in options.map { head.appending($0) } }
            if result.count > Self.maximumVariants * 4 { return result }
        }
        return result
    }

    private mutating func name(_ capture: Int?) -> String? {
        if let capture { return "\(prefix)\(capture)" }
        guard namesEveryWildcard else { return nil }
        counter += 1
        return "\(prefix)x\(counter)"
    }

    private mutating func variants(of node: RiveScriptPattern.Node, expand: Bool, facts: inout RiveScriptFacts)
        -> [Variant]?
    {
        switch node {
        case .word(let word):
            return [Variant(pieces: [word], parts: [.literal(word)])]
        case .wildcard(let kind, let capture):
            let name = kind == .under ? name(capture) ?? self.name(nil) ?? "u\(capture ?? 0)" : name(capture)
            let symbol = switch kind {
            case .star: "+"
            case .zeroStar: "*"
            case .pound: "#"
            case .under: "_"
            }
            guard let name else { return [Variant(pieces: [symbol])] }
            let value = RiveScriptCapture.named(name, lower: kind != .pound)
            var variant = Variant(pieces: ["{\(name):\(symbol)}"], parts: [value])
            if let capture { variant.captures[capture] = value }
            if kind == .under && checksNumbers { variant.conditions.append("not Num({\(name)})") }
            return [variant]
        case .optional(let alternatives):
            var texts: [String] = []
            var merged = Variant()
            for alternative in alternatives {
                guard let options = sequence(alternative, expand: false, facts: &facts), let first = options.first else {
                    continue
                }
                texts.append(first.pattern)
                merged.captures.merge(first.captures) { _, new in new }
                merged.conditions += first.conditions.filter { $0.hasPrefix("not ") }
            }
            guard !texts.isEmpty else { return [Variant()] }
            merged.pieces = ["[" + texts.joined(separator: "|") + "]"]
            return [merged]
        case .group(let alternatives, let capture):
            return group(alternatives, capture: capture, expand: expand, facts: &facts)
        case .array(let name):
            guard let entries = context.arrayEntries(name), !entries.isEmpty else { return nil }
            if expand && capturing > 0 {
                return entries.map { Variant(pieces: $0.pythonWords, parts: [.literal($0)]) }
            }
            return [Variant(pieces: ["~" + context.conceptName(name)])]
        case .never:
            return nil
        case .variable(let variable), .history(let variable):
            counter += 1
            let name = "\(prefix)g\(counter)"
            let value = RiveScriptCapture.named(name, lower: true)
            let mindName = context.variableName(variable)
            var conditions = ["{\(name)} = {$\(mindName)}"]
            if case .variable = node { conditions.insert("{$\(mindName)} != undefined", at: 0) }
            return [Variant(pieces: ["{\(name):+}"], conditions: conditions, parts: [value])]
        }
    }

    private mutating func group(_ alternatives: [[RiveScriptPattern.Node]], capture: Int, expand: Bool,
                                facts: inout RiveScriptFacts) -> [Variant]?
    {
        let name = "\(prefix)\(capture)"
        let value = RiveScriptCapture.named(name, lower: true)
        // Alternatives of plain words, an `@array` standing for its entries.
        var words: [[String]]? = []
        var factName: String?
        for alternative in alternatives {
            if alternative.count == 1, case .array(let array) = alternative[0] {
                words? += (context.arrayEntries(array) ?? []).map(\.pythonWords)
                if alternatives.count == 1 { factName = "Array_" + context.conceptName(array) }
            } else if alternative.allSatisfy({ if case .word = $0 { true } else { false } }) {
                words?.append(alternative.map { if case .word(let word) = $0 { word } else { "" } })
            } else {
                words = nil
                break
            }
        }
        if alternatives.allSatisfy(\.isEmpty) {
            // `()`, what is left of `(@name)` when the array is not defined: matches nothing, holds "".
            return [Variant(captures: [capture: .literal("")])]
        }
        if words?.isEmpty == true { return nil }
        if referenced.contains(capture), let words {
            if words.allSatisfy({ $0.count == 1 }) {
                let fact = factName ?? facts.choiceName(words.map { $0[0] })
                if factName != nil { facts.register(fact, words.map { $0[0] }) }
                return [Variant(pieces: ["{\(name):_}"], captures: [capture: value], conditions: ["\(fact)({\(name)})"],
                                parts: [value])]
            }
            if expand {
                return words.map { entry in
                    let text = entry.joined(separator: " ")
                    return Variant(pieces: entry, captures: [capture: .literal(text)], parts: [.literal(text)])
                }
            }
        }
        if referenced.contains(capture) { capturing += 1 }
        defer { if referenced.contains(capture) { capturing -= 1 } }
        var options: [[Variant]] = []
        for alternative in alternatives {
            if let variants = sequence(alternative, expand: expand, facts: &facts), !variants.isEmpty {
                options.append(variants)
            }
        }
        guard !options.isEmpty else { return nil }
        let simple = options.allSatisfy { $0.count == 1 && $0[0].conditions.allSatisfy { $0.hasPrefix("not ") } }
        if referenced.contains(capture) && expand || !simple && expand {
            return options.flatMap { $0 }.map { variant in
                var expanded = variant
                expanded.captures[capture] = .joined(variant.parts)
                expanded.parts = [.joined(variant.parts)]
                return expanded
            }
        }
        if referenced.contains(capture) {
            approximations.append("the group of <star\(capture)> is matched as a wildcard")
            return [Variant(pieces: ["{\(name):+}"], captures: [capture: value], parts: [value])]
        }
        var merged = Variant()
        for option in options {
            merged.captures.merge(option[0].captures) { _, new in new }
            merged.conditions += option[0].conditions
        }
        let texts = options.map { $0[0].pattern }
        merged.pieces = [texts.count == 1 && !texts[0].contains(" ") ? texts[0] : "(" + texts.joined(separator: "|") + ")"]
        return [merged]
    }
}
