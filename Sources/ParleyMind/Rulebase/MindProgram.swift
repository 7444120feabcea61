import Synchronization

/// A compiled rulebase: rules, models, static facts and the indexes a turn uses.
final class MindProgram: Sendable {
    let name: String
    let substitutions: Substitutions
    /// The ids of every word the patterns test for.
    let words: WordTable
    /// Static facts of the mind and every model, by name, in document order.
    let staticFacts: [String: [Fact]]
    let models: [CompiledModel]
    /// The index of every model name.
    let modelIndex: [String: Int]
    /// Each model's `initial` state: the active states of a new conversation.
    let initialStates: [Int?]
    /// All rules in mind order (section 6 (g)).
    let rules: [CompiledRule]
    /// Each rule's gate and rank tier, by rule index.
    let gates: [RuleGate]
    /// The rule index of every rule id (each id is unique: the compiler checks it).
    let ruleIndex: [String: Int]
    /// The default seed: FNV-1a of the name.
    let defaultSeed: UInt64
    /// What a version 1.1 mind declares; nil for version 1.
    let extensions: MindExtensions?
    /// Whether some rule has a `that` or a `topic` pattern.
    let hasThatRules: Bool
    let hasTopicRules: Bool

    let restate: RuleSet
    let respond: RuleSet
    /// Idle rules, smallest threshold first.
    let idleRules: [Int]
    /// Generate rules of each intent, in the order of section 6 (a), (b), (d), (e), (g).
    let generators: [String: [Int]]
    /// A number no other program of the process has (from 1), naming it in `WrittenTurn`.
    let identity = MindProgram.identities.add(1, ordering: .relaxed).newValue
    private static let identities = Atomic<UInt64>(0)

    /// Rules of one kind, with an index over their patterns.
    struct RuleSet: Sendable {
        /// Rule indices of the rules with a pattern, in the index's order.
        let patterned: [Int]
        let index: PatternIndex
        /// Rule indices of the rules without input (they match every text form).
        let inputless: [Int]

        /// The rules of a set, gathered in rule order.
        struct Members {
            var patterned: [Int] = []
            var patterns: [Pattern?] = []
            var inputless: [Int] = []

            mutating func add(_ index: Int, _ pattern: Pattern?) {
                if let pattern {
                    patterned.append(index)
                    patterns.append(pattern)
                } else {
                    inputless.append(index)
                }
            }
        }

        /// The set of `members`, its patterns indexed with the ids of `words`.
        init(_ members: Members, words: WordTable) {
            patterned = members.patterned
            index = PatternIndex(members.patterns, words: words)
            inputless = members.inputless
        }

        /// Rules that may match a form: a superset of the rules whose pattern matches it.
        func candidates(for form: Form) -> [Int] {
            var candidates = index.candidates(for: form.words, control: form.isControl)
            for position in candidates.indices { candidates[position] = patterned[candidates[position]] }
            if !form.isControl { candidates += inputless }
            return candidates
        }
    }

    init(
        name: String, substitutions: Substitutions, words: WordTable, staticFacts: [Fact],
        models: [CompiledModel], rules: [CompiledRule], ruleIndex: [String: Int], extensions: MindExtensions? = nil
    ) {
        self.name = name
        self.extensions = extensions
        hasThatRules = rules.contains { $0.that != nil }
        hasTopicRules = rules.contains { $0.topic != nil }
        self.substitutions = substitutions
        self.words = words
        self.staticFacts = Dictionary(grouping: staticFacts, by: \.name)
        self.models = models
        modelIndex = Dictionary(models.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        initialStates = models.map(\.initial)
        self.rules = rules
        gates = zip(rules, RankKey.tiers(of: rules)).map(RuleGate.init)
        self.ruleIndex = ruleIndex
        defaultSeed = FNV1a.hash(name)
        // One pass sorts the rules by kind (rules are spread over memory: each is read once).
        var restateRules = RuleSet.Members(), respondRules = RuleSet.Members()
        var idleRules: [Int] = []
        var generators: [String: [Int]] = [:]
        for (index, rule) in rules.enumerated() {
            switch rule.kind {
            case .restate: restateRules.add(index, rule.pattern)
            case .respond where rule.idle != nil: idleRules.append(index)
            case .respond: respondRules.add(index, rule.pattern)
            case .generate:
                if let intent = rule.intent { generators[intent, default: []].append(index) }
            }
        }
        restate = RuleSet(restateRules, words: words)
        respond = RuleSet(respondRules, words: words)
        self.idleRules = idleRules.sorted { RankKey(rules[$0]) < RankKey(rules[$1]) }
        self.generators = generators.mapValues { members in
            members.sorted { RankKey(generating: rules[$0]) < RankKey(generating: rules[$1]) }
        }
    }

    /// True when the rule at `index` is enabled while the models are in `states`.
    func isEnabled(ruleAt index: Int, in states: [Int?]) -> Bool {
        let gate = gates[index]
        return models[Int(gate.model)].enables(gate.scope, active: states[Int(gate.model)])
    }

    /// The active state of each model in `data`: unknown states fall back to `initial`; and
    /// whether `data.states` is exactly what a turn writes back for them (only known models, in a
    /// known state or none, each other than its initial, names spelled byte for byte as in the mind).
    func activeStates(in data: ConversationData) -> (states: [Int?], asWritten: Bool) {
        if data.written.program == identity { return (data.written.states, true) }
        var states = initialStates
        var asWritten = true
        for (name, state) in data.states {
            guard let index = modelIndex[name] else {
                asWritten = false
                continue
            }
            let model = models[index]
            let found = state.map { model.state(named: $0) }
            states[index] = found.map { $0 ?? model.initial } ?? nil
            if asWritten {
                // String equality is canonical equivalence: what is written back must be the same bytes.
                let written = states[index].map { model.states[$0].name }
                asWritten = states[index] != model.initial && name.utf8.elementsEqual(model.name.utf8)
                    && (state.map { written?.utf8.elementsEqual($0.utf8) == true } ?? true)
            }
        }
        return (states, asWritten)
    }

    /// The active state of the model named `model` in `data`: nil when the mind has no such
    /// model, `.some(nil)` when the model is in no state.
    func activeState(of model: String, in data: ConversationData) -> String?? {
        guard let index = models.firstIndex(where: { $0.name == model }) else { return nil }
        return .some(activeStates(in: data).states[index].map { models[index].states[$0].name })
    }
}
