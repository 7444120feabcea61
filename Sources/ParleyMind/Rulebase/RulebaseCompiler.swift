/// Compiles a rulebase document into a `MindProgram`, collecting every error and warning with
/// its path (docs/minds-reference.md#load-errors-and-warnings).
struct RulebaseCompiler {
    /// Errors and warnings found so far, and the helpers that find them.
    var log = DocumentDiagnostics()
    /// Ids of the words of every pattern compiled so far.
    var words = WordTable()
    /// The buffers of pattern compilation, kept from rule to rule.
    var patternCompiler = PatternCompiler()

    var diagnostics: [Diagnostic] { log.diagnostics }

    /// What rule compilation needs to know about the whole mind.
    struct MindContext {
        let concepts: ConceptTable
        let substitutionKeys: Set<String>
        /// Model names with their state names.
        let models: [(name: String, states: [String])]
        /// Every intent some generate rule declares.
        let intents: Set<String>
        /// True for a version 1.1 mind.
        let extended: Bool
    }

    /// A rule as found in the document, before compilation.
    struct RuleSite {
        let node: DocumentNode
        /// The path of the rule list it is in, e.g. `models[0].rules`, and its index there.
        let list: String
        let position: Int
        let scope: CompiledRule.Scope

        /// The rule's document path, e.g. `models[0].rules[3]` (built only when needed).
        var path: String { DocumentText.path(position, in: list) }
    }

    /// A model after its first pass: names resolved, rules not yet compiled.
    private struct ModelSite {
        let path: String
        let model: CompiledModel
        let rules: [RuleSite]
    }

    // MARK: The document

    /// The compiled program, or nil when the document has errors.
    mutating func compile(_ document: DocumentNode) -> MindProgram? {
        let extendedFields = ["sentences", "punctuation", "bot", "variables", "person", "person2", "gender", "maps"]
        let allowed: [String] = ["mind", "version", "substitutions", "concepts", "facts", "models"] + extendedFields
        guard let root = log.fields(document, "", allowed: allowed) else { return nil }
        var name = ""
        if let node = root["mind"] {
            name = log.text(node, "mind") ?? ""
            if node.text == "" { log.error("mind", "the name must not be empty") }
        } else {
            log.error("mind", "missing required field")
        }
        var extended = false
        switch root["version"] {
        case nil: log.error("version", "missing required field")
        case .number(let text)? where Double(text) == 1: break
        case .number(let text)? where Double(text) == 1.1: extended = true
        case .number(let text)?: log.error("version", "unsupported version \(text) (must be 1 or 1.1)")
        case let other?: log.error("version", "expected the number 1 or 1.1, found \(other.typeName)")
        }
        var extensions: MindExtensions?
        if extended {
            extensions = readExtensions(root)
        } else {
            for field in extendedFields where root[field] != nil {
                log.error(field, "\"\(field)\" needs version: 1.1")
            }
        }
        let substitutions = readSubstitutions(root["substitutions"])
        let concepts = readConcepts(root["concepts"])
        var staticFacts = readFacts(root["facts"], "facts")

        guard let modelsNode = root["models"] else {
            log.error("models", "missing required field")
            return nil
        }
        guard case .array(let modelNodes) = modelsNode, !modelNodes.isEmpty else {
            log.error("models", "expected a list of at least one model")
            return nil
        }
        var sites: [ModelSite] = []
        var modelNames: [String: String] = [:]
        for (index, node) in modelNodes.enumerated() {
            let path = "models[\(index)]"
            guard let site = readModel(node, path, facts: &staticFacts) else { continue }
            if let first = modelNames[site.model.name] {
                log.error(path + ".name", "duplicate model name \"\(site.model.name)\" (first at \(first))")
            } else {
                modelNames[site.model.name] = path
            }
            sites.append(site)
        }

        let context = MindContext(
            concepts: ConceptTable(concepts.map { (name: $0.name, entries: $0.entries) }),
            substitutionKeys: Substitutions(substitutions).keys,
            models: sites.map { ($0.model.name, $0.model.states.map(\.name)) },
            intents: Self.declaredIntents(sites), extended: extended)
        var rules: [CompiledRule] = []
        var ruleIndex: [String: Int] = [:]
        ruleIndex.reserveCapacity(sites.reduce(0) { $0 + $1.rules.count })
        for (modelIndex, site) in sites.enumerated() {
            for (number, rule) in site.rules.enumerated() {
                guard let compiled = compileRule(
                    rule, model: modelIndex, defaultID: site.model.name + "." + String(number), order: rules.count,
                    context: context)
                else { continue }
                // One lookup for a new id (a repeated one puts its first index back).
                if let first = ruleIndex.updateValue(rules.count, forKey: compiled.id) {
                    ruleIndex[compiled.id] = first
                    let path = compiled.hasExplicitID ? rule.path + ".id" : rule.path
                    log.error(path, "duplicate rule id \"\(compiled.id)\" (first at \(rules[first].path))")
                }
                rules.append(compiled)
            }
        }
        guard log.errorCount == 0 else {
            attributeFindings(to: sites)
            return nil
        }
        let program = MindProgram(
            name: name, substitutions: Substitutions(substitutions), words: words,
            staticFacts: Self.distinct(staticFacts),
            models: sites.map(\.model), rules: rules, ruleIndex: ruleIndex, extensions: extensions)
        let linter = RulebaseLinter(
            program: program, modelPaths: sites.map(\.path), concepts: concepts,
            usedConcepts: patternCompiler.usedConcepts, substitutionKeys: context.substitutionKeys)
        log.append(linter.warnings())
        attributeFindings(to: sites)
        return program
    }

    /// Names the rule each finding inside a rule is about, by its id (`id:`, else `MODEL.N`), as
    /// traces and coverage name rules. Only when there are findings.
    private mutating func attributeFindings(to sites: [ModelSite]) {
        guard log.diagnostics.contains(where: { $0.path.hasPrefix("models[") }) else { return }
        var ids: [String: String] = [:]
        for site in sites {
            for (number, rule) in site.rules.enumerated() {
                var id = site.model.name + "." + String(number)
                if case .object(let members) = rule.node, let explicit = members.first(where: { $0.key == "id" })?.value.text {
                    id = explicit
                }
                ids[rule.path] = id
            }
        }
        log.attribute { path in
            guard let list = path.range(of: ".rules["), let close = path[list.upperBound...].firstIndex(of: "]") else {
                return nil
            }
            return ids[String(path[...close])]
        }
    }

    /// The top-level fields of a version 1.1 mind.
    private mutating func readExtensions(_ root: DocumentFields) -> MindExtensions {
        var extensions = MindExtensions()
        if let node = root["sentences"] {
            if case .bool(let flag) = node { extensions.sentences = flag } else {
                log.error("sentences", "expected true or false, found \(node.typeName)")
            }
        }
        if let node = root["punctuation"], let text = log.text(node, "punctuation") {
            switch text {
            case "split": extensions.splitsPunctuation = true
            case "keep": break
            default: log.error("punctuation", "expected split or keep, found \"\(text)\"")
            }
        }
        extensions.bot = Dictionary(textTable(root["bot"], "bot", keysAreNames: true), uniquingKeysWith: { _, last in last })
        extensions.variableDefaults = Dictionary(
            textTable(root["variables"], "variables", keysAreNames: true), uniquingKeysWith: { _, last in last })
        for transform in [TextTransform.person, .person2, .gender] {
            let pairs = textTable(root[transform.rawValue], transform.rawValue, keysAreNames: false)
            if !pairs.isEmpty { extensions.swaps[transform] = WordSwaps(pairs.map { (key: $0.0, replacement: $0.1) }) }
        }
        if let node = root["maps"] {
            guard case .object(let members) = node else {
                log.error("maps", "expected an object of name: {key: value}, found \(node.typeName)")
                return extensions
            }
            for member in members {
                let path = DocumentDiagnostics.join("maps", member.key)
                guard log.identifier(.string(member.key), path, what: "map name") != nil else { continue }
                var map: [String: String] = [:]
                for (key, value) in textTable(member.value, path, keysAreNames: false) {
                    map[TextNormalizer.tokens(of: key).map(\.match).joined(separator: " ")] = value
                }
                extensions.maps[member.key] = map
            }
        }
        return extensions
    }

    /// An object of text values, in order; with `keysAreNames`, each key must be an identifier.
    private mutating func textTable(_ node: DocumentNode?, _ path: String, keysAreNames: Bool) -> [(String, String)] {
        guard let node else { return [] }
        guard case .object(let members) = node else {
            log.error(path, "expected an object of text values, found \(node.typeName)")
            return []
        }
        var pairs: [(String, String)] = []
        for member in members {
            let memberPath = DocumentDiagnostics.join(path, member.key)
            if keysAreNames, log.identifier(.string(member.key), memberPath, what: "name") == nil { continue }
            if member.value == .null {
                pairs.append((member.key, ""))
            } else if let value = log.text(member.value, memberPath) {
                pairs.append((member.key, value))
            }
        }
        return pairs
    }

    private mutating func readSubstitutions(_ node: DocumentNode?) -> [(from: String, to: String)] {
        guard let node else { return [] }
        guard case .object(let members) = node else {
            log.error("substitutions", "expected an object of phrase: replacement, found \(node.typeName)")
            return []
        }
        var pairs: [(from: String, to: String)] = []
        for member in members {
            let path = DocumentDiagnostics.join("substitutions", member.key)
            guard let replacement = log.text(member.value, path) else { continue }
            if TextNormalizer.tokens(of: member.key).isEmpty {
                log.error(path, "a substitution needs a phrase with at least one word")
                continue
            }
            pairs.append((member.key, replacement))
        }
        return pairs
    }

    private mutating func readConcepts(_ node: DocumentNode?) -> [(name: String, entries: [String])] {
        guard let node else { return [] }
        guard case .object(let members) = node else {
            log.error("concepts", "expected an object of name: [entries], found \(node.typeName)")
            return []
        }
        var concepts: [(name: String, entries: [String])] = []
        for member in members {
            let path = DocumentDiagnostics.join("concepts", member.key)
            guard let name = log.identifier(.string(member.key), path, what: "concept name") else { continue }
            guard case .array = member.value else {
                log.error(path, "expected a list of entries, found \(member.value.typeName)")
                continue
            }
            var entries: [String] = []
            for entry in log.texts(member.value, path) {
                if TextNormalizer.tokens(of: entry.text).isEmpty {
                    log.error(entry.path(in: path), "a concept entry needs at least one word")
                } else {
                    entries.append(entry.text)
                }
            }
            if entries.isEmpty { log.error(path, "a concept needs at least one entry") }
            concepts.append((name, entries))
        }
        return concepts
    }

    /// Static facts: ground facts only.
    private mutating func readFacts(_ node: DocumentNode?, _ path: String) -> [Fact] {
        guard let node else { return [] }
        var facts: [Fact] = []
        for entry in log.texts(node, path) {
            do {
                let pattern = try FactSyntax.pattern(entry.text)
                guard let fact = pattern.instantiate(Bindings()), pattern.captures.isEmpty else {
                    log.error(entry.path(in: path), "a static fact may hold only values (no variables, captures or '_')")
                    continue
                }
                facts.append(fact)
            } catch {
                log.error(entry.path(in: path), error.description)
            }
        }
        return facts
    }

    /// The facts without repeats (a fact the same as an earlier one), in order.
    private static func distinct(_ facts: [Fact]) -> [Fact] {
        struct Key: Hashable {
            let name: String
            let keys: [String]
        }
        var seen: Set<Key> = []
        return facts.filter { seen.insert(Key(name: $0.name, keys: $0.keys)).inserted }
    }

    private mutating func readModel(_ node: DocumentNode, _ path: String, facts: inout [Fact]) -> ModelSite? {
        let allowed: [String] = ["name", "facts", "rules", "groups", "states", "initial"]
        guard let members = log.fields(node, path, allowed: allowed) else { return nil }
        let name = log.identifier(members["name"], path + ".name", what: "model name") ?? ""
        facts += readFacts(members["facts"], path + ".facts")
        var rules = ruleSites(members["rules"], path + ".rules", scope: .model)

        var groupNames: [String] = []
        var groupRules: [RuleSite] = []
        for (index, groupNode) in log.list(members["groups"], path + ".groups").enumerated() {
            let groupPath = path + ".groups[\(index)]"
            guard let group = log.fields(groupNode, groupPath, allowed: ["name", "rules"]) else { continue }
            guard let groupName = log.identifier(group["name"], groupPath + ".name", what: "group name") else { continue }
            if groupNames.contains(groupName) {
                log.error(groupPath + ".name", "duplicate group name \"\(groupName)\"")
                continue
            }
            groupNames.append(groupName)
            groupRules += ruleSites(group["rules"], groupPath + ".rules", scope: .group(groupNames.count - 1))
        }

        var states: [CompiledModel.State] = []
        var stateRules: [RuleSite] = []
        for (index, stateNode) in log.list(members["states"], path + ".states").enumerated() {
            let statePath = path + ".states[\(index)]"
            guard let state = log.fields(stateNode, statePath, allowed: ["name", "groups", "rules"]) else { continue }
            guard let stateName = log.identifier(state["name"], statePath + ".name", what: "state name") else { continue }
            if states.contains(where: { $0.name == stateName }) {
                log.error(statePath + ".name", "duplicate state name \"\(stateName)\"")
                continue
            }
            var groups: Set<Int> = []
            if let groupsNode = state["groups"] {
                for entry in log.texts(groupsNode, statePath + ".groups") {
                    if let group = groupNames.firstIndex(of: entry.text) {
                        groups.insert(group)
                    } else {
                        log.error(statePath, "unknown group \"\(entry.text)\"")
                    }
                }
            }
            states.append(CompiledModel.State(name: stateName, groups: groups))
            stateRules += ruleSites(state["rules"], statePath + ".rules", scope: .state(states.count - 1))
        }

        var initial: Int?
        if let initialNode = members["initial"], initialNode != .null, let stateName = log.text(initialNode, path + ".initial") {
            initial = states.firstIndex { $0.name == stateName }
            if initial == nil { log.error(path + ".initial", "unknown state \"\(stateName)\"") }
        }
        rules += groupRules + stateRules
        return ModelSite(
            path: path, model: CompiledModel(name: name, groups: groupNames, states: states, initial: initial),
            rules: rules)
    }

    private mutating func ruleSites(_ node: DocumentNode?, _ path: String, scope: CompiledRule.Scope) -> [RuleSite] {
        log.list(node, path).enumerated().map { index, rule in
            RuleSite(node: rule, list: path, position: index, scope: scope)
        }
    }

    /// The intents declared by generate rules (read loosely; errors are reported per rule).
    private static func declaredIntents(_ sites: [ModelSite]) -> Set<String> {
        var intents: Set<String> = []
        for site in sites {
            for rule in site.rules {
                guard case .object(let members) = rule.node,
                    members.contains(where: { $0.key == "kind" && $0.value == .string("generate") }),
                    let intent = members.first(where: { $0.key == "intent" })?.value.text
                else { continue }
                intents.insert(intent)
            }
        }
        return intents
    }
}
