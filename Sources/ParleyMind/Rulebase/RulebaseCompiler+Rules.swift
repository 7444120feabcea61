/// Compilation of one rule (docs/minds-reference.md#rules).
extension RulebaseCompiler {
    /// The fields of a rule.
    private enum Field: Int, CaseIterable {
        case kind, input, say, when, id, priority, to, infer, assert, retract, goto, once, idle, intent, that, topic

        /// The field's key, e.g. `"kind"`.
        var key: String {
            switch self {
            case .kind: "kind"
            case .input: "input"
            case .say: "say"
            case .when: "when"
            case .id: "id"
            case .priority: "priority"
            case .to: "to"
            case .infer: "infer"
            case .assert: "assert"
            case .retract: "retract"
            case .goto: "goto"
            case .once: "once"
            case .idle: "idle"
            case .intent: "intent"
            case .that: "that"
            case .topic: "topic"
            }
        }

        /// The field of a key, or nil; keys of one length are told apart by a byte where they differ.
        init?(key: String) {
            let field: Field? = switch key.utf8.count {
            case 2: key.utf8.first == UInt8(ascii: "i") ? .id : .to
            case 3: .say
            case 4:
                switch key.utf8.first {
                case UInt8(ascii: "k"): .kind
                case UInt8(ascii: "w"): .when
                case UInt8(ascii: "g"): .goto
                case UInt8(ascii: "o"): .once
                case UInt8(ascii: "t"): .that
                default: .idle
                }
            case 5:
                switch key.utf8.last {
                case UInt8(ascii: "t"): .input
                case UInt8(ascii: "c"): .topic
                default: .infer
                }
            case 6: key.utf8.first == UInt8(ascii: "a") ? .assert : .intent
            case 7: .retract
            case 8: .priority
            default: nil
            }
            // The byte tells which field it can only be; the whole key must still be it.
            guard let field, key == field.key else { return nil }
            self = field
        }

        /// The field's bit in a set of fields.
        var bit: UInt16 { 1 << UInt16(rawValue) }

        /// The fields a rule of `kind` may have.
        static func allowed(for kind: CompiledRule.Kind) -> UInt16 {
            let common = Field.kind.bit | Field.when.bit | Field.id.bit | Field.priority.bit
            return switch kind {
            case .restate: common | Field.input.bit | Field.to.bit | Field.infer.bit
            case .respond:
                common | Field.input.bit | Field.say.bit | Field.assert.bit | Field.retract.bit | Field.goto.bit
                    | Field.once.bit | Field.idle.bit | Field.that.bit | Field.topic.bit
            case .generate: common | Field.say.bit | Field.intent.bit
            }
        }
    }

    /// A rule's members by field (of two members with the same key the last counts).
    private struct RuleMembers {
        private let members: [DocumentMember]
        /// 1 + the position in `members` of each field's member, by `Field.rawValue`; 0 for an absent field.
        private var positions = SIMD16<Int32>()
        /// The fields present, as bits.
        private(set) var present: UInt16 = 0

        init(_ members: [DocumentMember]) {
            self.members = members
        }

        /// Files the member at `position` under `field`.
        mutating func add(_ field: Field, at position: Int) {
            positions[field.rawValue] = Int32(position + 1)
            present |= field.bit
        }

        subscript(field: Field) -> DocumentNode? {
            let position = Int(positions[field.rawValue])
            return position == 0 ? nil : members[position - 1].value
        }
    }

    /// The members of a rule, reporting a non-object and every unknown field (as `log.fields` does).
    private mutating func ruleMembers(_ node: DocumentNode, _ path: @autoclosure () -> String) -> RuleMembers? {
        guard case .object(let members) = node else {
            log.error(path(), "expected an object, found \(node.typeName)")
            return nil
        }
        var fields = RuleMembers(members)
        for (position, member) in members.enumerated() {
            if let field = Field(key: member.key) {
                fields.add(field, at: position)
            } else {
                log.error(DocumentDiagnostics.join(path(), member.key), "unknown field \"\(member.key)\"")
            }
        }
        return fields
    }

    /// The captures and variables a rule may refer to.
    private struct KnownValues {
        /// Named captures; nil when they cannot be known (generate rules see their caller's).
        var captures: Set<String>?
        var positional = 0
        var variables: Set<String> = []
        /// False for generate rules, whose caller's variables may be bound.
        let checksVariables: Bool
        /// True in a version 1.1 mind: `$name` and `bot.name` values may be read.
        var extended = false
    }

    mutating func compileRule(
        _ site: RuleSite, model: Int, defaultID: String, order: Int, context: MindContext
    ) -> CompiledRule? {
        var path: String { site.path }
        guard let members = ruleMembers(site.node, path) else { return nil }
        let errorsBefore = log.errorCount

        var kind: CompiledRule.Kind?
        if let kindNode = members[.kind] {
            if let name = log.text(kindNode, path + ".kind") {
                kind = CompiledRule.Kind(rawValue: name)
                if kind == nil { log.error(path + ".kind", "unknown kind \"\(name)\" (expected restate, respond or generate)") }
            }
        } else {
            log.error(path + ".kind", "missing required field")
        }
        guard let kind else { return nil }
        let allowed = Field.allowed(for: kind)
        if members.present & ~allowed != 0 {
            let keys = Field.allCases.filter { members.present & ~allowed & $0.bit != 0 }.map(\.key).sorted()
            for key in keys {
                log.error(path + "." + key, "field \"\(key)\" does not belong to a \(kind.rawValue) rule")
            }
        }
        /// The member of a field the kind may have.
        func field(_ field: Field) -> DocumentNode? { allowed & field.bit != 0 ? members[field] : nil }

        var id = defaultID
        if let idNode = members[.id], let text = log.text(idNode, path + ".id") {
            if text.isEmpty || text.unicodeScalars.contains(where: { $0.isWhiteSpace }) {
                log.error(path + ".id", "a rule id must be non-empty text without spaces")
            }
            id = text
        }

        if !context.extended {
            for field in [Field.that, .topic] where members[field] != nil {
                log.error(path + "." + field.key, "\"\(field.key)\" needs version: 1.1")
            }
        }
        var pattern: Pattern?
        var startsWithIdle = false
        if let inputNode = field(.input), let source = log.text(inputNode, path + ".input") {
            do {
                let compiled = try Pattern(source, concepts: context.concepts, words: &words, compiler: &patternCompiler)
                pattern = compiled
                startsWithIdle = compiled.isControl && compiled.leadingWord == "idle"
            } catch {
                log.error(path + ".input", "\(error.message) at column \(error.column)")
            }
        }

        var that: Pattern?, topic: Pattern?
        if context.extended {
            that = textPattern(field(.that), path + ".that", context: context)
            topic = textPattern(field(.topic), path + ".topic", context: context)
        }
        var known = KnownValues(captures: kind == .generate ? nil : pattern?.captureNames ?? [],
                                checksVariables: kind != .generate, extended: context.extended)
        known.positional = pattern?.positionalCount ?? 0
        for extra in [that, topic] { known.captures?.formUnion(extra?.captureNames ?? []) }

        var conditions: [Condition] = []
        if let whenNode = members[.when] {
            for entry in log.texts(whenNode, path + ".when") {
                do {
                    let condition = try FactSyntax.condition(entry.text)
                    check(condition, entry.path(in: path + ".when"), &known)
                    conditions.append(condition)
                } catch {
                    log.error(entry.path(in: path + ".when"), error.description)
                }
            }
        }

        var priority = 0
        if let priorityNode = members[.priority] {
            if case .number(let text) = priorityNode, let value = Int(text) {
                priority = value
            } else {
                log.error(path + ".priority", "expected an integer, found \(priorityNode.numberText ?? priorityNode.typeName)")
            }
        }

        var to: Template?
        if let toNode = field(.to), let source = log.text(toNode, path + ".to") {
            to = template(source, path + ".to", known, context: context, allowsIntents: false)
        }
        let infer = factPatterns(field(.infer), path + ".infer", known, allowsWildcard: false)
        let assert = factPatterns(field(.assert), path + ".assert", known, allowsWildcard: false)
        let retract = factPatterns(field(.retract), path + ".retract", known, allowsWildcard: true)

        var say: CompiledRule.Say?
        if let sayNode = field(.say) {
            say = self.say(sayNode, path + ".say", known, context: context)
        }

        var goto: CompiledRule.Goto?
        if let gotoNode = field(.goto) {
            goto = self.goto(gotoNode, path + ".goto", model: model, context: context)
        }

        var once = false
        if let onceNode = field(.once) {
            if case .bool(let flag) = onceNode {
                once = flag
            } else {
                log.error(path + ".once", "expected true or false, found \(onceNode.typeName)")
            }
        }

        var idle: CompiledRule.IdleThreshold?
        if let idleNode = field(.idle) {
            if case .number(let text) = idleNode, let exact = DecimalNumber(text), !exact.isNegative,
                let seconds = Double(text)
            {
                idle = CompiledRule.IdleThreshold(seconds: seconds, exact: exact)
            } else {
                log.error(path + ".idle", "expected a number of seconds >= 0, found \(idleNode.numberText ?? idleNode.typeName)")
            }
            if members[.input] != nil { log.error(path + ".idle", "an idle rule cannot have an input") }
        }

        var intent: String?
        if kind == .generate {
            intent = log.identifier(members[.intent], path + ".intent", what: "intent")
        }

        guard log.errorCount == errorsBefore else { return nil }
        var references: [String] = []
        if context.extended {
            let captures = conditions.flatMap(Self.captures) + (infer + assert + retract).flatMap(\.captures)
            for name in captures where FactSyntax.isExtendedValueName(name) && !references.contains(name) {
                references.append(name)
            }
        }
        return CompiledRule(
            id: id, hasExplicitID: members[.id] != nil, kind: kind, model: model, scope: site.scope, order: order,
            list: site.list, position: site.position, pattern: pattern, that: that, topic: topic, references: references,
            startsWithIdle: startsWithIdle, conditions: conditions, priority: priority,
            to: to, infer: infer, say: say, assert: assert, retract: retract, goto: goto, once: once, idle: idle,
            intent: intent)
    }

    /// The captures a condition reads.
    static func captures(of condition: Condition) -> [String] {
        switch condition {
        case .fact(let pattern), .absent(let pattern): return pattern.captures
        case .comparison(let left, _, let right):
            return [left, right].compactMap { term in
                if case .capture(let name) = term { return name }
                return nil
            }
        }
    }

    /// A version 1.1 `that` or `topic` pattern: a text pattern.
    private mutating func textPattern(_ node: DocumentNode?, _ path: String, context: MindContext) -> Pattern? {
        guard let node, let source = log.text(node, path) else { return nil }
        do {
            let pattern = try Pattern(source, concepts: context.concepts, words: &words, compiler: &patternCompiler)
            if pattern.isControl {
                log.error(path, "expected a text pattern, not a control pattern")
                return nil
            }
            if pattern.positionalCount > 0 {
                log.error(path, "wildcards here are not numbered: name them, e.g. {thatstar1}")
                return nil
            }
            return pattern
        } catch {
            log.error(path, "\(error.message) at column \(error.column)")
            return nil
        }
    }

    // MARK: Checks

    private mutating func check(_ condition: Condition, _ path: @autoclosure () -> String, _ known: inout KnownValues) {
        switch condition {
        case .fact(let pattern):
            checkCaptures(pattern.captures, path(), known)
            known.variables.formUnion(pattern.variables)
        case .absent(let pattern):
            checkCaptures(pattern.captures, path(), known)
        case .comparison(let left, _, let right):
            for term in [left, right] {
                switch term {
                case .capture(let name): checkCaptures([name], path(), known)
                case .variable(let name) where known.checksVariables && !known.variables.contains(name):
                    log.error(path(), "variable ?\(name) is used before it is bound")
                default: break
                }
            }
        }
    }

    private mutating func checkCaptures(_ names: [String], _ path: @autoclosure () -> String, _ known: KnownValues) {
        for name in names { checkCapture(name, path(), known) }
    }

    private mutating func checkCapture(_ name: String, _ path: @autoclosure () -> String, _ known: KnownValues) {
        if FactSyntax.isExtendedValueName(name) {
            if !known.extended { log.error(path(), "{\(name)} needs version: 1.1") }
            return
        }
        guard let captures = known.captures else { return }
        let exists = Int(name).map { $0 <= known.positional } ?? captures.contains(name)
        if !exists { log.error(path(), "unknown capture {\(name)}") }
    }

    private mutating func checkVariables(_ names: [String], _ path: @autoclosure () -> String, _ known: KnownValues) {
        for name in names { checkVariable(name, path(), known) }
    }

    private mutating func checkVariable(_ name: String, _ path: @autoclosure () -> String, _ known: KnownValues) {
        guard known.checksVariables, !known.variables.contains(name) else { return }
        log.error(path(), "variable ?\(name) is not bound by a condition")
    }

    // MARK: Parts

    private mutating func template(
        _ source: String, _ path: @autoclosure () -> String, _ known: KnownValues, context: MindContext,
        allowsIntents: Bool
    ) -> Template? {
        let template: Template
        do {
            template = context.extended ? try Template(extended: source) : try Template(source)
        } catch {
            log.error(path(), error.description)
            return nil
        }
        if template.plain == nil { check(template.segments, path(), known, context: context, allowsIntents: allowsIntents) }
        return template
    }

    /// Checks the captures, variables and intents of template segments; a function's conditions
    /// bind variables for its body.
    private mutating func check(
        _ segments: [Template.Segment], _ path: @autoclosure () -> String, _ known: KnownValues, context: MindContext,
        allowsIntents: Bool
    ) {
        for segment in segments {
            switch segment {
            case .capture(let name): checkCapture(name, path(), known)
            case .variable(let name): checkVariable(name, path(), known)
            case .intent(let intent):
                if !allowsIntents {
                    log.error(path(), "{@\(intent)} is only allowed in say")
                } else if !context.intents.contains(intent) {
                    log.error(path(), "unknown intent \"@\(intent)\"")
                }
            case .call(let call, _):
                switch call {
                case .branches(let branches):
                    for branch in branches {
                        var inner = known
                        for condition in branch.conditions ?? [] { check(condition, path(), &inner) }
                        check(branch.body.segments, path(), inner, context: context, allowsIntents: allowsIntents)
                    }
                case .each(let conditions, _, _, _), .count(let conditions), .sum(let conditions, _):
                    var inner = known
                    for condition in conditions { check(condition, path(), &inner) }
                    for body in call.bodies {
                        check(body.segments, path(), inner, context: context, allowsIntents: allowsIntents)
                    }
                default:
                    for body in call.bodies {
                        check(body.segments, path(), known, context: context, allowsIntents: allowsIntents)
                    }
                }
            default: break
            }
        }
    }

    private mutating func say(
        _ node: DocumentNode, _ path: @autoclosure () -> String, _ known: KnownValues, context: MindContext
    ) -> CompiledRule.Say? {
        if case .array(let elements) = node {
            guard !elements.isEmpty else {
                log.error(path(), "a list of variants must not be empty")
                return nil
            }
            // Each element read as `log.texts` would, without gathering the texts first.
            var templates: [Template] = []
            var weights: [Int] = []
            templates.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                let elementPath = DocumentText.path(index, in: path())
                var weight = 1
                var textNode = element
                if context.extended, case .object = element {
                    guard let fields = log.fields(element, elementPath, allowed: ["text", "weight"]) else { continue }
                    guard let text = fields["text"] else {
                        log.error(elementPath + ".text", "missing required field")
                        continue
                    }
                    textNode = text
                    if let weightNode = fields["weight"] {
                        if case .number(let text) = weightNode, let value = Int(text), value >= 1 {
                            weight = value
                        } else {
                            log.error(elementPath + ".weight", "expected a whole number >= 1")
                            continue
                        }
                    }
                }
                let textPath = textNode == element ? elementPath : elementPath + ".text"
                guard let text = log.text(textNode, textPath),
                    let template = template(text, textPath, known, context: context, allowsIntents: true)
                else { continue }
                templates.append(template)
                weights.append(weight)
            }
            guard templates.count == elements.count else { return nil }
            return .variants(templates, weights: weights.allSatisfy { $0 == 1 } ? nil : weights)
        }
        guard let source = log.text(node, path()) else { return nil }
        return template(source, path(), known, context: context, allowsIntents: true).map(CompiledRule.Say.single)
    }

    private mutating func factPatterns(
        _ node: DocumentNode?, _ path: @autoclosure () -> String, _ known: KnownValues, allowsWildcard: Bool
    ) -> [FactPattern] {
        guard let node else { return [] }
        var patterns: [FactPattern] = []
        for entry in log.texts(node, path()) {
            do {
                let pattern = try FactSyntax.pattern(entry.text)
                if !allowsWildcard, pattern.terms.contains(.wildcard) {
                    log.error(entry.path(in: path()), "'_' is not allowed here: a fact needs a value for every argument")
                }
                checkCaptures(pattern.captures, entry.path(in: path()), known)
                checkVariables(pattern.variables, entry.path(in: path()), known)
                patterns.append(pattern)
            } catch {
                log.error(entry.path(in: path()), error.description)
            }
        }
        return patterns
    }

    private mutating func goto(_ node: DocumentNode, _ path: @autoclosure () -> String, model: Int, context: MindContext)
        -> CompiledRule.Goto?
    {
        if node == .null { return CompiledRule.Goto(model: model, state: nil) }
        guard let target = log.text(node, path()) else { return nil }
        let parts = target.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let targetModel: Int?
        let stateName: String
        if parts.count == 2 {
            targetModel = context.models.firstIndex { $0.name == parts[0] }
            stateName = parts[1]
            if targetModel == nil {
                log.error(path(), "unknown model \"\(parts[0])\"")
                return nil
            }
        } else {
            targetModel = model
            stateName = target
        }
        guard let targetModel, parts.count <= 2,
            let state = context.models[targetModel].states.firstIndex(of: stateName)
        else {
            log.error(path(), "unknown state \"\(target)\"")
            return nil
        }
        return CompiledRule.Goto(model: targetModel, state: state)
    }
}
