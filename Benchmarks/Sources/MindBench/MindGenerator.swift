import Foundation

/// Generates a realistic mind of a given size: several models with groups and states, concepts,
/// static facts, restate/respond/generate rules with literal words, wildcards, alternatives,
/// optional parts, captures, conditions, effects, variants, intents, idle rules and fallbacks.
struct MindGenerator {
    /// A generated mind: its JSON text and what is needed to make inputs for it.
    struct Output {
        let json: String
        let ruleCount: Int
        /// Patterns of the text respond rules, to make matching inputs from.
        let patterns: [PatternSpec]
        let concepts: [String: [[String]]]
        let vocabulary: Vocabulary
    }

    private var random: BenchRandom
    private let vocabulary: Vocabulary
    private var concepts: [String: [[String]]] = [:]
    private var conceptNames: [String] = []
    private var intents: [String] = []
    private var products: [String] = []
    private var patterns: [PatternSpec] = []
    /// Respond patterns used so far: each is used once, so that no rule hides another.
    private var patternTexts: Set<String> = []
    private var ruleCount = 0

    init(seed: UInt64, vocabularySize: Int) {
        random = BenchRandom(seed: seed)
        vocabulary = Vocabulary(size: vocabularySize, random: &random)
    }

    /// A mind of `rules` rules.
    mutating func generate(rules target: Int) -> Output {
        let modelCount = max(1, target / 250)
        for index in 0..<max(5, target / 50) {
            let name = "c\(index)"
            conceptNames.append(name)
            concepts[name] = (0..<Int.random(in: 3...8, using: &random)).map { _ in
                random.chance(0.3) ? [vocabulary.word(&random), vocabulary.word(&random)] : [vocabulary.word(&random)]
            }
        }
        intents = (0..<max(2, target / 250)).map { "intent\($0)" }
        products = (0..<max(10, target / 20)).map { "p\($0)" + vocabulary.word(&random) }
        var facts: [String] = []
        for product in products { facts.append("Product(\(product), \(Int.random(in: 1...999, using: &random)))") }

        var models: [[String: Any]] = []
        let body = target - intents.count
        for index in 0..<modelCount {
            let share = body / modelCount + (index < body % modelCount ? 1 : 0)
            models.append(model(index, rules: share))
        }
        var intentRulesNeeded = intents
        // Every intent gets at least one generate rule, in the first model.
        var first = models[0]
        var firstRules = first["rules"] as! [[String: Any]]
        while let intent = intentRulesNeeded.popLast() {
            firstRules.append(["kind": "generate", "intent": intent, "say": sentence(captures: [])])
            ruleCount += 1
        }
        first["rules"] = firstRules
        models[0] = first

        let document: [String: Any] = [
            "mind": "bench-\(target)",
            "version": 1,
            "substitutions": ["what's": "what is", "i'm": "i am", "can't": "cannot", "pls": "please"],
            "concepts": concepts.mapValues { entries in entries.map { $0.joined(separator: " ") } },
            "facts": facts,
            "models": models,
        ]
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        return Output(
            json: String(decoding: data, as: UTF8.self), ruleCount: ruleCount, patterns: patterns,
            concepts: concepts, vocabulary: vocabulary
        )
    }

    private mutating func model(_ index: Int, rules count: Int) -> [String: Any] {
        let stateNames = (0..<5).map { "s\($0)" }
        // Fixed rules: an idle rule, a fallback, and an opener.
        let fixed = 3
        let body = max(0, count - fixed)
        let stateRules = body / 5
        let groupRules = body / 10
        let modelRules = body - stateRules - groupRules

        var rules: [[String: Any]] = [
            ["kind": "respond", "input": "[auto *]", "say": "[smile] Welcome to model \(index)."],
        ]
        for _ in 0..<modelRules { rules.append(rule(states: stateNames, inState: false)) }
        rules.append(["kind": "respond", "id": "m\(index).idle", "idle": 30, "say": "Anything else?"])
        rules.append(["kind": "respond", "input": "*", "say": ["Sorry?", "Could you rephrase that?", "Tell me more."]])
        ruleCount += fixed

        var groupBody: [[String: Any]] = []
        for _ in 0..<groupRules { groupBody.append(rule(states: stateNames, inState: true)) }
        var states: [[String: Any]] = []
        for (position, name) in stateNames.enumerated() {
            let share = stateRules / stateNames.count + (position < stateRules % stateNames.count ? 1 : 0)
            var stateBody: [[String: Any]] = []
            for _ in 0..<share { stateBody.append(rule(states: stateNames, inState: true)) }
            var state: [String: Any] = ["name": name, "rules": stateBody]
            if position < 2 { state["groups"] = ["g0"] }
            states.append(state)
        }
        return [
            "name": "m\(index)",
            "rules": rules,
            "groups": [["name": "g0", "rules": groupBody]],
            "states": states,
        ]
    }

    /// One generated rule: mostly respond rules, some restate and generate rules.
    private mutating func rule(states: [String], inState: Bool) -> [String: Any] {
        ruleCount += 1
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < 0.08 {
            let pattern = PatternSpec(elements: [.word(vocabulary.starter(&random)), .word(vocabulary.word(&random)), .capture("rest")])
            if random.chance(0.5) {
                return ["kind": "restate", "input": pattern.text, "to": "{rest}"]
            }
            return ["kind": "restate", "input": pattern.text, "infer": ["Topic(\(vocabulary.word(&random)))"]]
        }
        if roll < 0.11 {
            var rule: [String: Any] = ["kind": "generate", "intent": intents.randomElement(using: &random)!]
            if random.chance(0.3) {
                rule["when"] = ["Topic(?t)"]
                rule["say"] = "About {?t}: " + sentence(captures: [])
            } else {
                rule["when"] = ["not Topic(\(vocabulary.word(&random)))"]
                rule["say"] = sentence(captures: [])
            }
            return rule
        }
        if roll < 0.12 {
            var input = "[navigate \(vocabulary.word(&random))]"
            while !patternTexts.insert(input).inserted { input = "[navigate \(vocabulary.word(&random))]" }
            return ["kind": "respond", "input": input, "say": sentence(captures: [])]
        }

        var pattern = respondPattern()
        while !patternTexts.insert(pattern.text).inserted { pattern = respondPattern() }
        patterns.append(pattern)
        var rule: [String: Any] = ["kind": "respond", "input": pattern.text]
        var say = sentence(captures: pattern.captures)
        let effects = Double.random(in: 0..<1, using: &random)
        if effects < 0.12 {
            rule["when"] = ["Topic(?t)"]
            say += " We were talking about {?t}."
        } else if effects < 0.17, let capture = pattern.captures.first {
            rule["when"] = ["Product({\(capture)}, ?price)"]
            say += " It costs ${?price}."
        } else if effects < 0.22 {
            rule["when"] = ["not Topic(\(vocabulary.word(&random)))"]
        }
        if random.chance(0.1) {
            rule["retract"] = ["Topic(_)"]
            rule["assert"] = ["Topic(\(vocabulary.word(&random)))"]
        }
        if inState {
            if random.chance(0.2) { rule["goto"] = NSNull() }
        } else if random.chance(0.04) {
            rule["goto"] = states.randomElement(using: &random)!
        }
        if random.chance(0.05) { say += " {@\(intents.randomElement(using: &random)!)}" }
        if random.chance(0.01) {
            rule["once"] = true
            rule["id"] = "once\(ruleCount)"
        }
        if random.chance(0.05) { rule["priority"] = Int.random(in: 1...3, using: &random) }
        rule["say"] = random.chance(0.3) ? [say, sentence(captures: pattern.captures), sentence(captures: [])] : say
        return rule
    }

    /// A pattern in one of the shapes real minds use.
    private mutating func respondPattern() -> PatternSpec {
        func word() -> PatternSpec.Element { .word(vocabulary.word(&random)) }
        let starter = PatternSpec.Element.word(vocabulary.starter(&random))
        let shape = Int.random(in: 0..<10, using: &random)
        switch shape {
        case 0, 1, 2:
            return PatternSpec(elements: [starter] + (0..<Int.random(in: 1...5, using: &random)).map { _ in word() })
        case 3:
            return PatternSpec(elements: [.star, word(), word(), .star])
        case 4:
            let alternatives = (0..<Int.random(in: 2...4, using: &random)).map { _ in
                random.chance(0.3) ? [vocabulary.word(&random), vocabulary.word(&random)] : [vocabulary.word(&random)]
            }
            return PatternSpec(elements: [
                starter, .choice(alternatives), .optional([["a"], ["the"]]), .capture("item"),
            ])
        case 5:
            return PatternSpec(elements: [starter, .concept(conceptNames.randomElement(using: &random)!), .star])
        case 6:
            return PatternSpec(elements: random.chance(0.5) ? [starter, word(), .one, word()] : [word(), .number, word()])
        case 7:
            return PatternSpec(elements: [.optional([["please"]]), starter, word(), .capture("name")])
        case 8:
            return PatternSpec(elements: [starter, .star, word()])
        default:
            return PatternSpec(elements: [starter, word(), .plus, .concept(conceptNames.randomElement(using: &random)!)])
        }
    }

    /// An output sentence, sometimes with a tag, using the given captures.
    private mutating func sentence(captures: [String]) -> String {
        var words = (0..<Int.random(in: 3...10, using: &random)).map { _ in vocabulary.word(&random) }
        if let capture = captures.randomElement(using: &random) { words.insert("{\(capture)}", at: words.count / 2) }
        let text = words.joined(separator: " ")
        let tag = random.chance(0.2) ? ["[smile] ", "[head-nod] ", "[wave] "].randomElement(using: &random)! : ""
        return tag + text.prefix(1).uppercased() + text.dropFirst() + "."
    }
}
