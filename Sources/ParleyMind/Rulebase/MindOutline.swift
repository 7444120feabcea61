import Yams

/// The parts of a rulebase text and where each is written, for an editor's outline: the
/// substitutions, concepts, models with their groups, states and rules, and the intents. Read
/// from the text alone, so a rulebase with errors has an outline too.
public struct MindOutline: Sendable, Hashable {
    /// One part of the rulebase.
    public struct Entry: Sendable, Hashable {
        /// `section`, `substitution`, `concept`, `model`, `group`, `state`, `rule` or `intent`.
        public let kind: String
        /// Its name; a rule's id as the mind numbers it.
        public let name: String
        /// A short description: a rule's input or intent, a substitution's replacement.
        public let detail: String?
        /// Nesting: 0 for sections and models, 1 for what they hold, 2 for rules of groups and states.
        public let depth: Int
        public let line: Int
        public let column: Int
    }

    public private(set) var entries: [Entry] = []

    /// The outline of `text` (YAML or JSON); empty when it does not parse.
    public init(text: String) {
        guard let root = try? Yams.compose(yaml: text, .basic), case .mapping(let members) = root else { return }
        var intents: [(name: String, mark: Mark?)] = []
        for (key, value) in members {
            switch key.string {
            case "substitutions": addPairs(value, section: key, kind: "substitution")
            case "concepts": addPairs(value, section: key, kind: "concept")
            case "models": addModels(value, intents: &intents)
            default: break
            }
        }
        guard !intents.isEmpty else { return }
        entries.append(Entry(kind: "section", name: "intents", detail: nil, depth: 0, line: intents[0].mark?.line ?? 1, column: 1))
        var seen: Set<String> = []
        for intent in intents where seen.insert(intent.name).inserted {
            add("intent", intent.name, nil, depth: 1, intent.mark)
        }
    }

    private mutating func add(_ kind: String, _ name: String, _ detail: String?, depth: Int, _ mark: Mark?) {
        entries.append(Entry(kind: kind, name: name, detail: detail, depth: depth, line: mark?.line ?? 1, column: mark?.column ?? 1))
    }

    private mutating func addPairs(_ node: Node, section: Node, kind: String) {
        guard case .mapping(let pairs) = node, !pairs.isEmpty else { return }
        add("section", section.string ?? kind, nil, depth: 0, section.mark)
        for (key, value) in pairs {
            let detail: String? = switch value {
            case .scalar(let scalar): scalar.string
            case .sequence(let items): items.compactMap(\.string).joined(separator: ", ")
            default: nil
            }
            add(kind, key.string ?? "", detail, depth: 1, key.mark)
        }
    }

    private mutating func addModels(_ node: Node, intents: inout [(name: String, mark: Mark?)]) {
        guard case .sequence(let models) = node else { return }
        for model in models {
            guard case .mapping(let members) = model else { continue }
            let name = members["name"]?.string ?? "?"
            add("model", name, nil, depth: 0, model.mark)
            // Rule ids count the model's rules, then each group's, then each state's (as the compiler does).
            var numbers: [Int: Int] = [:]  // rules' node positions (by mark offset) to their numbers
            var next = 0
            func number(_ rules: Node?) {
                for rule in rules?.sequence ?? [] {
                    if let mark = rule.mark { numbers[mark.line << 20 | mark.column] = next }
                    next += 1
                }
            }
            number(members["rules"])
            for group in members["groups"]?.sequence ?? [] { number(group.mapping?["rules"]) }
            for state in members["states"]?.sequence ?? [] { number(state.mapping?["rules"]) }
            func addRules(_ rules: Node?, depth: Int) {
                for rule in rules?.sequence ?? [] {
                    let fields = rule.mapping
                    let numbered = rule.mark.flatMap { numbers[$0.line << 20 | $0.column] }.map { "\(name).\($0)" }
                    let id = fields?["id"]?.string ?? numbered ?? "?"
                    let intent = fields?["intent"]?.string
                    if let intent, fields?["kind"]?.string == "generate" { intents.append((intent, rule.mark)) }
                    let detail = fields?["input"]?.string ?? fields?["idle"].map { "idle \($0.string ?? "")" }
                        ?? intent.map { "@" + $0 }
                    add("rule", id, detail, depth: depth, rule.mark)
                }
            }
            for (key, value) in members {
                switch key.string {
                case "rules":
                    addRules(value, depth: 1)
                case "groups", "states":
                    for part in value.sequence ?? [] {
                        add(key.string == "groups" ? "group" : "state", part.mapping?["name"]?.string ?? "?", nil, depth: 1, part.mark)
                        addRules(part.mapping?["rules"], depth: 2)
                    }
                default:
                    break
                }
            }
        }
    }
}
