/// The load-time warnings of mind-language.md sections 10 and 13.8: the mind loads anyway.
struct RulebaseLinter {
    let program: MindProgram
    /// Document path of each model.
    let modelPaths: [String]
    /// Concept names in document order.
    let concepts: [String]
    /// The names of the concepts the patterns refer to.
    let usedConcepts: Set<String>
    let substitutionKeys: Set<String>

    func warnings() -> [Diagnostic] {
        var found: [(String, String)] = []
        found += neverWinning()
        found += hidingCatchAlls()
        found += modelsWithoutFallback()
        found += unusedConcepts()
        found += intentWarnings()
        found += substitutedWords()
        found += missingIDs()
        return found.map { Diagnostic(path: $0.0, message: $0.1, severity: .warning) }
    }

    private var rules: [CompiledRule] { program.rules }

    /// A respond rule with no input or input `*`, no conditions, not `once`, not idle.
    private static func isCatchAll(_ rule: CompiledRule) -> Bool {
        rule.kind == .respond && rule.idle == nil && rule.conditions.isEmpty && !rule.once
            && (rule.pattern.map(isStar) ?? true)
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

    /// Section 13.8: a later rule an earlier one with the same pattern and scope always beats.
    /// Of the earlier rules that could shadow it, the first with the highest priority decides.
    private func neverWinning() -> [(String, String)] {
        struct Place: Hashable {
            let key: ShadowKey
            let model: Int
            let scope: CompiledRule.Scope
        }
        var strongest: [Place: CompiledRule] = [:]
        strongest.reserveCapacity(rules.count)
        var found: [(String, String)] = []
        for rule in rules {
            guard let key = ShadowKey(rule) else { continue }
            let place = Place(key: key, model: rule.model, scope: rule.scope)
            let canShadow = rule.conditions.isEmpty && !rule.once
            // One lookup per rule (the place is hashed again only to file a rule under a new place).
            guard let index = strongest.index(forKey: place) else {
                if canShadow, rule.priority > .min { strongest[place] = rule }
                continue
            }
            let shadow = strongest.values[index]
            if shadow.priority >= rule.priority, rule.conditions.isEmpty || rule.priority < shadow.priority {
                found.append((rule.path, "this rule can never win: \(shadow.path) (\(shadow.id)) has the same "
                    + "pattern and scope, no when, and at least its priority"))
            }
            if canShadow, rule.priority > shadow.priority { strongest.values[index] = rule }
        }
        return found
    }

    /// A state or group catch-all hides the model's text rules of equal or lower priority.
    private func hidingCatchAlls() -> [(String, String)] {
        var found: [(String, String)] = []
        var modelRespondRules: [Int: [CompiledRule]] = [:]
        for other in rules where other.scope == .model && other.kind == .respond && other.idle == nil && !other.isControl {
            modelRespondRules[other.model, default: []].append(other)
        }
        for rule in rules where rule.isStateScoped && Self.isCatchAll(rule) {
            let hidden = (modelRespondRules[rule.model] ?? []).filter { $0.priority <= rule.priority }
            guard !hidden.isEmpty else { continue }
            found.append((rule.path, "this catch-all hides model-level rules of equal or lower priority: "
                + hidden.map(\.id).joined(separator: ", ")))
        }
        return found
    }

    private func modelsWithoutFallback() -> [(String, String)] {
        var hasFallback = [Bool](repeating: false, count: program.models.count)
        for rule in rules where rule.scope == .model && Self.isCatchAll(rule) { hasFallback[rule.model] = true }
        return program.models.indices.compactMap { model in
            guard !hasFallback[model] else { return nil }
            return (modelPaths[model], "model \"\(program.models[model].name)\" has no fallback "
                + "(a model-level respond rule with input \"*\" and no when)")
        }
    }

    private func unusedConcepts() -> [(String, String)] {
        concepts.filter { !usedConcepts.contains($0) }.map { ("concepts." + $0, "unused concept \"~\($0)\"") }
    }

    /// Whether `say` has a `{@intent}` placeholder (looked for without building lists).
    private static func hasIntents(_ say: CompiledRule.Say?) -> Bool {
        switch say {
        case nil: false
        case .single(let template)?: template.generates
        case .variants(let templates)?: templates.contains(where: \.generates)
        }
    }

    private static func intents(of say: CompiledRule.Say?) -> [String] {
        switch say {
        case nil: []
        case .single(let template)?: template.intents
        case .variants(let templates)?: templates.flatMap(\.intents)
        }
    }

    /// Unused intents and recursive intents.
    private func intentWarnings() -> [(String, String)] {
        var found: [(String, String)] = []
        var referenced: Set<String> = []
        var calls: [String: Set<String>] = [:]
        for rule in rules where Self.hasIntents(rule.say) {
            let intents = Self.intents(of: rule.say)
            referenced.formUnion(intents)
            if rule.kind == .generate, let intent = rule.intent { calls[intent, default: []].formUnion(intents) }
        }
        var reported: Set<String> = []
        for rule in rules where rule.kind == .generate {
            guard let intent = rule.intent, reported.insert(intent).inserted else { continue }
            if !referenced.contains(intent) { found.append((rule.path + ".intent", "unused intent \"@\(intent)\"")) }
            var reachable: Set<String> = []
            var pending = Array(calls[intent] ?? [])
            while let next = pending.popLast() {
                guard reachable.insert(next).inserted else { continue }
                pending += calls[next] ?? []
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

    private func missingIDs() -> [(String, String)] {
        rules.compactMap { rule in
            guard !rule.hasExplicitID else { return nil }
            if rule.idle != nil { return (rule.path, "idle rule without an explicit id (it is \(rule.id))") }
            if rule.once { return (rule.path, "once rule without an explicit id (it is \(rule.id))") }
            return nil
        }
    }
}
