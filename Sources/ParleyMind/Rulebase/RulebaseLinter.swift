/// The load-time warnings of docs/minds-reference.md#load-errors-and-warnings: the mind loads anyway.
struct RulebaseLinter {
    let program: MindProgram
    /// Document path of each model.
    let modelPaths: [String]
    /// Concepts with their entries, in document order.
    let concepts: [(name: String, entries: [String])]
    /// The names of the concepts the patterns refer to.
    let usedConcepts: Set<String>
    let substitutionKeys: Set<String>

    func warnings() -> [Diagnostic] {
        let scan = Scan(rules, modelCount: program.models.count)
        var found = scan.neverWinning
        found += hidingCatchAlls(scan)
        found += modelsWithoutFallback(scan)
        found += unusedConcepts()
        found += intentWarnings(scan)
        found += substitutedWords()
        found += substitutedConceptEntries()
        found += unknownFacts()
        found += scan.missingIDs
        found += scan.silent
        return found.map { Diagnostic(path: $0.0, message: $0.1, severity: .warning) }
    }

    private var rules: [CompiledRule] { program.rules }

    /// What the checks read from the rules, gathered in one pass over them (a big mind's rules do
    /// not fit in the caches: each pass over them costs a cache miss or more per rule).
    private struct Scan {
        /// Section 13.8 warnings, in rule order.
        private(set) var neverWinning: [(String, String)] = []
        /// Missing-id warnings, in rule order.
        private(set) var missingIDs: [(String, String)] = []
        /// Respond rules that do nothing, in rule order.
        private(set) var silent: [(String, String)] = []
        /// Each model's model-level text respond rules (indices), in order.
        private(set) var modelRespondRules: [[Int]]
        /// State or group catch-alls (indices), in order.
        private(set) var scopedCatchAlls: [Int] = []
        /// Whether each model has a model-level catch-all.
        private(set) var hasFallback: [Bool]
        /// Intents some `say` generates.
        private(set) var referenced: Set<String> = []
        /// The intents each intent's generate rules generate.
        private(set) var calls: [String: Set<String>] = [:]
        /// Generate rules (indices), in order.
        private(set) var generateRules: [Int] = []

        init(_ rules: [CompiledRule], modelCount: Int) {
            modelRespondRules = Array(repeating: [], count: modelCount)
            hasFallback = Array(repeating: false, count: modelCount)
            var strongest = StrongestRules(capacity: rules.count)
            for (index, rule) in rules.enumerated() {
                if let place = Place(rule) { checkShadow(rule, at: index, place, rules, &strongest) }
                if rule.scope == .model && rule.kind == .respond && rule.idle == nil && !rule.isControl {
                    modelRespondRules[rule.model].append(index)
                }
                if RulebaseLinter.isCatchAll(rule) {
                    if rule.isStateScoped { scopedCatchAlls.append(index) } else { hasFallback[rule.model] = true }
                }
                if RulebaseLinter.hasIntents(rule.say) {
                    let intents = RulebaseLinter.intents(of: rule.say)
                    referenced.formUnion(intents)
                    if rule.kind == .generate, let intent = rule.intent { calls[intent, default: []].formUnion(intents) }
                }
                if rule.kind == .generate { generateRules.append(index) }
                if rule.kind == .respond, rule.say == nil, rule.assert.isEmpty, rule.retract.isEmpty, rule.goto == nil {
                    silent.append((rule.path, "this respond rule has no say and no effects: when it wins, nothing "
                        + "happens (write say: \"\" to answer with nothing on purpose)"))
                }
                if !rule.hasExplicitID {
                    if rule.idle != nil {
                        missingIDs.append((rule.path, "idle rule without an explicit id (it is \(rule.id))"))
                    } else if rule.once {
                        missingIDs.append((rule.path, "once rule without an explicit id (it is \(rule.id))"))
                    }
                }
            }
        }

        /// Where rules can shadow each other: the same pattern (or intent), model and scope.
        private struct Place: Hashable {
            let key: ShadowKey
            let model: Int
            let scope: CompiledRule.Scope

            init?(_ rule: CompiledRule) {
                guard let key = ShadowKey(rule) else { return nil }
                self.key = key
                model = rule.model
                scope = rule.scope
            }
        }

        /// The strongest rule so far of each place (by rule index): an open-addressing table of
        /// indices beside their places' hashes. A big mind has about as many places as rules;
        /// unlike a Dictionary keyed by places, this keeps no copies of them (the rules have them).
        private struct StrongestRules {
            /// A rule index, or -1 for an empty slot.
            private var indices: [Int32]
            /// The high half of the hash of each filed rule's place.
            private var checks: [UInt32]
            private let mask: Int

            init(capacity: Int) {
                var size = 16
                while size < 2 * capacity { size *= 2 }
                indices = Array(repeating: -1, count: size)
                checks = Array(repeating: 0, count: size)
                mask = size - 1
            }

            /// The slot holding the rule of `place` (hashed `hash`), or the empty slot to file it in.
            func slot(of place: Place, hash: Int, in rules: [CompiledRule]) -> Int {
                let check = UInt32(truncatingIfNeeded: hash >> 32)
                var slot = hash & mask
                while indices[slot] >= 0 {
                    if checks[slot] == check, Place(rules[Int(indices[slot])]) == place { return slot }
                    slot = (slot + 1) & mask
                }
                return slot
            }

            /// The index of the rule in `slot`, or nil.
            func rule(at slot: Int) -> Int? {
                indices[slot] < 0 ? nil : Int(indices[slot])
            }

            /// Files the rule at `index` in `slot`, for the place hashed `hash`.
            mutating func file(_ index: Int, at slot: Int, hash: Int) {
                indices[slot] = Int32(index)
                checks[slot] = UInt32(truncatingIfNeeded: hash >> 32)
            }
        }

        /// Section 13.8: a later rule an earlier one with the same pattern and scope always beats.
        /// Of the earlier rules that could shadow it, the first with the highest priority decides;
        /// `strongest` holds it for each place so far.
        private mutating func checkShadow(
            _ rule: CompiledRule, at position: Int, _ place: Place, _ rules: [CompiledRule],
            _ strongest: inout StrongestRules
        ) {
            let hash = place.hashValue
            let slot = strongest.slot(of: place, hash: hash, in: rules)
            // A `that` or `topic` pattern (1.1) conditions a rule as `when` does.
            let conditioned = !rule.conditions.isEmpty || rule.that != nil || rule.topic != nil
            let canShadow = !conditioned && !rule.once
            guard let index = strongest.rule(at: slot) else {
                if canShadow, rule.priority > .min { strongest.file(position, at: slot, hash: hash) }
                return
            }
            let shadow = rules[index]
            if shadow.priority >= rule.priority, !conditioned || rule.priority < shadow.priority {
                neverWinning.append((rule.path, "this rule can never win: \(shadow.path) (\(shadow.id)) has the same "
                    + "pattern and scope, no when, and at least its priority"))
            }
            if canShadow, rule.priority > shadow.priority {
                neverWinning.append((shadow.path, "this rule can never win: the later \(rule.path) (\(rule.id)) has "
                    + "the same pattern and scope, no when, and a higher priority"))
                strongest.file(position, at: slot, hash: hash)
            }
        }
    }

    /// A respond rule with no input or input `*`, no conditions, not `once`, not idle.
    static func isCatchAll(_ rule: CompiledRule) -> Bool {
        rule.kind == .respond && rule.idle == nil && rule.conditions.isEmpty && !rule.once && rule.that == nil
            && rule.topic == nil && (rule.pattern.map(isStar) ?? true)
    }

    /// Whether a pattern is written `*` (checked by its shape first, which is cheaper).
    private static func isStar(_ pattern: Pattern) -> Bool {
        guard !pattern.isControl, pattern.positionalCount == 1, pattern.maxLength == nil,
            pattern.specificity == Specificity(literals: 0, concepts: 0, singles: 0, multis: 1)
        else { return false }
        return pattern.source.trimmingWhiteSpace == "*"
    }

    /// What two rules must share for one to shadow the other: the pattern (or intent).
    private enum ShadowKey: Hashable {
        case input(String)
        case intent(String)

        init?(_ rule: CompiledRule) {
            switch rule.kind {
            case .respond where rule.idle == nil: self = .input(rule.pattern?.source.trimmingWhiteSpace ?? "")
            case .generate: self = .intent(rule.intent ?? "")
            default: return nil
            }
        }
    }

    /// A state or group catch-all hides the model's text rules of equal or lower priority.
    private func hidingCatchAlls(_ scan: Scan) -> [(String, String)] {
        var found: [(String, String)] = []
        for rule in scan.scopedCatchAlls.lazy.map({ rules[$0] }) {
            let hidden = scan.modelRespondRules[rule.model].filter { rules[$0].priority <= rule.priority }
            guard !hidden.isEmpty else { continue }
            found.append((rule.path, "this catch-all hides model-level rules of equal or lower priority: "
                + hidden.map { rules[$0].id }.joined(separator: ", ")))
        }
        return found
    }

    private func modelsWithoutFallback(_ scan: Scan) -> [(String, String)] {
        program.models.indices.compactMap { model in
            guard !scan.hasFallback[model] else { return nil }
            return (modelPaths[model], "model \"\(program.models[model].name)\" has no fallback "
                + "(a model-level respond rule with input \"*\" and no when)")
        }
    }

    private func unusedConcepts() -> [(String, String)] {
        concepts.filter { !usedConcepts.contains($0.name) }.map { ("concepts." + $0.name, "unused concept \"~\($0.name)\"") }
    }

    /// A concept entry holding a substitution key can never match: substitution replaced it.
    private func substitutedConceptEntries() -> [(String, String)] {
        guard !substitutionKeys.isEmpty else { return [] }
        var found: [(String, String)] = []
        for concept in concepts {
            for (index, entry) in concept.entries.enumerated() {
                let words = " " + TextNormalizer.tokens(of: entry).map(\.match).joined(separator: " ") + " "
                guard let key = substitutionKeys.sorted().first(where: { words.contains(" " + $0 + " ") }) else { continue }
                found.append(("concepts.\(concept.name)[\(index)]",
                              "entry \"\(entry)\" holds the substitution key \"\(key)\", so it can never match"))
            }
        }
        return found
    }

    /// A condition on a fact that no static fact, `assert` or `infer` can give (it holds only if
    /// the application puts such a fact in the world).
    private func unknownFacts() -> [(String, String)] {
        struct Shape: Hashable {
            let name: String
            let arity: Int
        }
        var known = Set(program.staticFacts.values.joined().map { Shape(name: $0.name, arity: $0.keys.count) })
        for rule in rules {
            for pattern in rule.assert + rule.infer { known.insert(Shape(name: pattern.name, arity: pattern.terms.count)) }
        }
        var found: [(String, String)] = []
        for rule in rules {
            for (index, condition) in rule.conditions.enumerated() {
                guard case .fact(let pattern) = condition,
                    !known.contains(Shape(name: pattern.name, arity: pattern.terms.count))
                else { continue }
                found.append(("\(rule.path).when[\(index)]", "no static fact, assert or infer gives a fact "
                    + "\(pattern.name) with \(pattern.terms.count) argument\(pattern.terms.count == 1 ? "" : "s"): "
                    + "this condition holds only if the application adds one to the world"))
            }
        }
        return found
    }

    /// Whether `say` has a `{@intent}` placeholder (looked for without building lists).
    private static func hasIntents(_ say: CompiledRule.Say?) -> Bool {
        switch say {
        case nil: false
        case .single(let template)?: template.generates
        case .variants(let templates, _)?: templates.contains(where: \.generates)
        }
    }

    private static func intents(of say: CompiledRule.Say?) -> [String] {
        switch say {
        case nil: []
        case .single(let template)?: template.intents
        case .variants(let templates, _)?: templates.flatMap(\.intents)
        }
    }

    /// Unused intents and recursive intents.
    private func intentWarnings(_ scan: Scan) -> [(String, String)] {
        var found: [(String, String)] = []
        var reported: Set<String> = []
        for rule in scan.generateRules.lazy.map({ rules[$0] }) {
            guard let intent = rule.intent, reported.insert(intent).inserted else { continue }
            if !scan.referenced.contains(intent) { found.append((rule.path + ".intent", "unused intent \"@\(intent)\"")) }
            var reachable: Set<String> = []
            var pending = Array(scan.calls[intent] ?? [])
            while let next = pending.popLast() {
                guard reachable.insert(next).inserted else { continue }
                pending += scan.calls[next] ?? []
            }
            if reachable.contains(intent) {
                found.append((rule.path + ".intent", "recursive intent \"@\(intent)\" (past depth 8 it renders \"\")"))
            }
        }
        return found
    }

    /// A pattern word equal to a substitution key can never match: substitution replaced it.
    private func substitutedWords() -> [(String, String)] {
        var found: [(String, String)] = []
        // A key no pattern has as a word has no id in the mind's word table.
        guard substitutionKeys.contains(where: { program.words.id(of: $0) != WordTable.unknown }) else { return [] }
        for rule in rules {
            guard let pattern = rule.pattern, !pattern.isControl else { continue }
            for word in pattern.literalWords where substitutionKeys.contains(word) {
                found.append((rule.path + ".input",
                              "pattern word \"\(word)\" is a substitution key, so it can never match"))
            }
        }
        return found
    }
}
