/// One rule of a compiled mind (immutable; a class so that turns pass it around without copying).
final class CompiledRule: Sendable {
    /// The three kinds of rules (docs/minds-reference.md#rules).
    enum Kind: String, Sendable, Hashable {
        case restate
        case respond
        case generate
    }

    /// Where a rule is written: at model level, in a group, or in a state.
    enum Scope: Sendable, Hashable {
        case model
        case group(Int)
        case state(Int)
    }

    /// What `say` holds: one template, or variants with their weights (nil: all 1).
    enum Say: Sendable {
        case single(Template)
        case variants([Template], weights: [Int]?)

        /// Every template of it.
        var templates: [Template] {
            switch self {
            case .single(let template): [template]
            case .variants(let templates, _): templates
            }
        }
    }

    /// A `goto` target: a state of a model, or no state.
    struct Goto: Sendable, Hashable {
        let model: Int
        let state: Int?
    }

    /// An idle rule's threshold in seconds.
    struct IdleThreshold: Sendable {
        let seconds: Double
        let exact: DecimalNumber
    }

    // What checking a candidate reads comes first, so that it shares the object's first cache line.
    let pattern: Pattern?
    /// Version 1.1: patterns on the previous output and on the `topic` variable.
    let that: Pattern?
    let topic: Pattern?
    let conditions: [Condition]
    /// Version 1.1: the `$name` and `bot.name` values its conditions and facts read.
    let references: [String]
    let idle: IdleThreshold?
    let id: String
    let hasExplicitID: Bool
    let kind: Kind
    /// Index of the rule's model.
    let model: Int
    let scope: Scope
    /// Position in mind order (section 6 (g)).
    let order: Int
    /// The path of the rule list it is written in, e.g. `models[0].rules`, and its index there.
    let list: String
    let position: Int
    /// True when the pattern's first word is literally `idle` (only such rules see `[idle n]`).
    let startsWithIdle: Bool
    let priority: Int
    let to: Template?
    let infer: [FactPattern]
    let say: Say?
    let assert: [FactPattern]
    let retract: [FactPattern]
    let goto: Goto?
    let once: Bool
    let intent: String?

    init(
        id: String, hasExplicitID: Bool, kind: Kind, model: Int, scope: Scope, order: Int, list: String, position: Int,
        pattern: Pattern?, that: Pattern? = nil, topic: Pattern? = nil, references: [String] = [],
        startsWithIdle: Bool, conditions: [Condition], priority: Int, to: Template?,
        infer: [FactPattern], say: Say?, assert: [FactPattern], retract: [FactPattern], goto: Goto?, once: Bool,
        idle: IdleThreshold?, intent: String?
    ) {
        self.id = id
        self.hasExplicitID = hasExplicitID
        self.kind = kind
        self.model = model
        self.scope = scope
        self.order = order
        self.list = list
        self.position = position
        self.pattern = pattern
        self.that = that
        self.topic = topic
        self.references = references
        self.startsWithIdle = startsWithIdle
        self.conditions = conditions
        self.priority = priority
        self.to = to
        self.infer = infer
        self.say = say
        self.assert = assert
        self.retract = retract
        self.goto = goto
        self.once = once
        self.idle = idle
        self.intent = intent
    }

    /// Document path, e.g. `models[0].rules[3]`.
    var path: String { DocumentText.path(position, in: list) }

    /// True for control patterns.
    var isControl: Bool { pattern?.isControl ?? false }

    /// Section 6 (c): a rule without input counts zero everywhere.
    var specificity: Specificity {
        pattern?.specificity ?? Specificity(literals: 0, concepts: 0, singles: 0, multis: 0)
    }

    /// True for rules of a state or of a group (section 6 (b)).
    var isStateScoped: Bool { scope != .model }

    /// Section 6 (e): 0 for a state's own rule, 1 otherwise.
    var stateOwnRank: Int {
        if case .state = scope { return 0 }
        return 1
    }
}
