import Foundation

/// Runs one turn of a mind (docs/minds-reference.md#how-a-turn-runs) over a copy of the conversation state.
struct TurnRunner {
    static let maximumRestateFirings = 16
    static let maximumIntentDepth = 8
    static let maximumExpansions = 256
    static let recentChoices = 20
    static let maximumReplyDepth = 100
    static let maximumReplies = 2000

    private let program: MindProgram
    /// Whether to fill `trace`; a turn nobody traces builds none of it.
    private let tracing: Bool
    private var trace: TurnTrace
    private let budget = UnificationBudget()
    /// Active state of each model.
    private var states: [Int?]
    /// The active states the turn began with, and whether the data's `states` is exactly what
    /// writing them back gives (then unchanged states are not written again).
    private let startStates: [Int?]
    private let dataStatesAsWritten: Bool
    private var world: [Fact]
    private var turnFacts: [Fact] = []
    private var used: [String]
    private var fired: [String]
    private var recent: [UInt64]
    private var random: SplitMix64
    private var expansions = 0
    // Version 1.1.
    private let extensions: MindExtensions?
    private let time: Date?
    private var vars: [String: String]
    private var that: String
    /// The forms of the previous output and of the `topic` variable, with the texts they were read from.
    private var thatForm: (text: String, form: Form)?
    private var topicForm: (text: String, form: Form)?
    /// The text being answered (`{input}`).
    private var currentInput = ""
    private var replyDepth = 0
    private var replies = 0

    init(program: MindProgram, data: ConversationData, tracing: Bool, time: Date? = nil) {
        self.program = program
        self.tracing = tracing
        extensions = program.extensions
        self.time = time
        vars = data.vars
        that = data.that
        trace = TurnTrace()
        (states, dataStatesAsWritten) = program.activeStates(in: data)
        startStates = states
        world = data.world
        // Data this mind wrote holds only its rules' ids.
        let written = data.written.program == program.identity
        used = written ? data.used : Self.knownRules(data.used, program)
        fired = written ? data.fired : Self.knownRules(data.fired, program)
        recent = data.recent
        random = SplitMix64(state: data.seed ?? program.defaultSeed)
    }

    /// The ids of `ids` the mind has a rule for (the same array when it has all of them).
    private static func knownRules(_ ids: [String], _ program: MindProgram) -> [String] {
        ids.allSatisfy { program.ruleIndex[$0] != nil } ? ids : ids.filter { program.ruleIndex[$0] != nil }
    }

    /// Runs the turn; returns the reply and the turn's trace.
    mutating func run(input: String, data: ConversationData) throws(MindError) -> (MindReply, TurnTrace) {
        let ascii = TextNormalizer.isASCII(input)
        let normalized = ascii ? input : TextNormalizer.nfc(input)
        let scalarCount = ascii ? normalized.utf8.count : normalized.unicodeScalars.count
        guard scalarCount <= MindError.maximumInputScalars else { throw .inputTooLong(scalars: scalarCount) }
        let trimmed = normalized.trimmingWhiteSpace
        trace.input = trimmed

        var output: String
        if let extensions, extensions.sentences, ControlInput.parse(trimmed) == nil {
            fired = []
            var outputs: [String] = []
            var winner: String?
            for sentence in SentenceSplitter.sentences(of: trimmed) {
                let answer = sentence.isEmpty ? "" : self.answer(sentence, isTurnInput: true).trimmingWhiteSpace
                winner = trace.winner ?? winner
                outputs.append(answer)
                that = answer
            }
            trace.winner = winner
            output = outputs.joined(separator: "  ").trimmingWhiteSpace
        } else {
            output = answer(trimmed, isTurnInput: true)
            if extensions != nil {
                output = output.trimmingWhiteSpace
                that = output
            }
        }
        trace.output = output
        let idle = computeIdle()
        trace.idle = idle
        if tracing, budget.isExhausted { trace.notes.append("unification budget of \(UnificationBudget.limit) exhausted") }

        var next = data
        next.turn = data.turn + 1
        next.seed = random.state
        next.world = world
        let statesRewritten = !dataStatesAsWritten || states != startStates
        if statesRewritten {
            var written: [String: String?] = Dictionary(minimumCapacity: data.states.count)
            for (index, model) in program.models.enumerated() where states[index] != model.initial {
                written[model.name] = .some(states[index].map { model.states[$0].name })
            }
            next.states = written
        }
        let history = History.appending(
            input: trimmed, output: output, to: data.history, escapeGrowth: data.historyEscapeGrowth)
        next.setHistory(history.text, escapeGrowth: history.escapeGrowth)
        next.recent = recent
        next.used = used
        next.fired = fired
        let statesByteCount = statesRewritten || data.written.program != program.identity
            ? next.statesByteCount : data.written.statesByteCount
        next.written = WrittenTurn(program: program.identity, states: states, statesByteCount: statesByteCount)
        next.idle = idle
        if extensions != nil {
            next.vars = vars
            next.that = that
        }
        let bytes = next.jsonByteCount
        guard bytes <= MindError.maximumDataBytes else { throw .dataTooLarge(bytes: bytes) }
        return (MindReply(output: output, data: next, idle: idle, rule: trace.winner), trace)
    }

    /// Answers one input (the turn's, a sentence of it, or a `{reply: ...}` text): restate,
    /// respond, the winner's effects and its rendered `say`.
    private mutating func answer(_ text: String, isTurnInput: Bool) -> String {
        currentInput = text
        if extensions != nil { readThatAndTopic() }
        let first = parseInput(text)
        let idleSeconds = isTurnInput ? Self.idleSeconds(of: first) : nil
        if isTurnInput, idleSeconds == nil { fired = [] }
        let formOffset = trace.forms.count
        let forms = restate(first, isIdle: idleSeconds != nil)
        if tracing { trace.forms += forms.map(\.text) }
        trace.winner = nil
        guard let (rule, bindings) = respond(forms, idleSeconds: idleSeconds, formOffset: formOffset) else { return "" }
        trace.winner = rule.id
        applyEffects(of: rule, bindings)
        return render(rule.say, bindings, depth: 0)
    }

    /// Reads the previous output and the `topic` variable as forms, when they changed.
    private mutating func readThatAndTopic() {
        if program.hasThatRules, thatForm?.text != that { thatForm = (that, textForm(that)) }
        if program.hasTopicRules {
            let topic = variable("topic")
            if topicForm?.text != topic { topicForm = (topic, textForm(topic)) }
        }
    }

    /// A text read as a text input is: tokens, substitutions, punctuation split.
    private func textForm(_ text: String) -> Form {
        readText(text).form
    }

    /// The form of a text input, with its tokens before substitutions and after them (nil when
    /// no substitution applied), for traces.
    private func readText(_ text: String) -> (form: Form, tokens: [Token], substituted: [Token]?) {
        let (tokens, ids) = TextNormalizer.tokens(of: text, words: program.words)
        let substituted = program.substitutions.applied(to: tokens)
        if let split = splitAtPunctuation(substituted ?? tokens, of: substituted == nil ? text : nil) {
            return (Form(tokens: split, isControl: false, text: text, words: program.words), tokens, substituted)
        }
        guard let substituted else {
            let form = Form(tokens: tokens, ids: ids, isControl: false, text: text, wordCount: program.words.count)
            return (form, tokens, nil)
        }
        return (Form(tokens: substituted, isControl: false, text: text, words: program.words), tokens, substituted)
    }

    /// With `punctuation: split`, the tokens split at the punctuation inside them; nil when the
    /// mind keeps punctuation. A capture's text is made of whole words as written: the first piece
    /// of a word carries the word (with its punctuation, when the tokens are those of `text`, one
    /// per white-space-separated word), the other pieces no text.
    private func splitAtPunctuation(_ tokens: [Token], of text: String?) -> [Token]? {
        guard extensions?.splitsPunctuation == true else { return nil }
        // ASCII text without punctuation: every token is a word as written, with nothing to split.
        if let text, TextNormalizer.isASCII(text),
            !text.utf8.contains(where: { TextNormalizer.separatesWords(Unicode.Scalar($0)) })
        {
            return nil
        }
        var words: [Substring.UnicodeScalarView]?
        if let text {
            let split = text.unicodeScalars[...].split(whereSeparator: \.isWhiteSpace)
            if split.count == tokens.count { words = split }
        }
        var result: [Token] = []
        result.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated() {
            let written = words.map { String(String.UnicodeScalarView($0[index])) } ?? token.text
            guard token.text.unicodeScalars.contains(where: TextNormalizer.separatesWords) else {
                result.append(Token(text: written, match: token.match))
                continue
            }
            var first = true
            for piece in token.text.unicodeScalars.split(whereSeparator: TextNormalizer.separatesWords) {
                let text = String(String.UnicodeScalarView(piece))
                result.append(Token(text: first ? written : "", match: text.lowercased()))
                first = false
            }
        }
        return result
    }

    /// A user variable's value, else its default, else "".
    private func variable(_ name: String) -> String {
        vars[name] ?? extensions?.variableDefaults[name] ?? ""
    }

    // MARK: Input

    private mutating func parseInput(_ text: String) -> Form {
        if let control = ControlInput.parse(text) {
            if tracing {
                trace.isControl = true
                trace.tokens = control.tokens.map(\.match)
            }
            return Form(tokens: control.tokens, isControl: true, text: text, words: program.words)
        }
        let (form, tokens, substituted) = readText(text)
        if tracing {
            let final = substituted ?? tokens
            if final.map(\.text) != tokens.map(\.text) {
                trace.substitution = tokens.map(\.text).joined(separator: " ") + " -> "
                    + final.map(\.text).joined(separator: " ")
            }
            trace.tokens = final.map(\.match)
        }
        return form
    }

    /// The seconds of an idle input (`[idle n]`, n a number >= 0), else nil.
    private static func idleSeconds(of form: Form) -> DecimalNumber? {
        guard form.isControl, form.tokens.count == 2, form.tokens[0].match == "idle",
            let seconds = DecimalNumber(form.tokens[1].match), !seconds.isNegative
        else { return nil }
        return seconds
    }

    // MARK: Matching

    private func isEnabled(ruleAt index: Int) -> Bool {
        program.isEnabled(ruleAt: index, in: states)
            && !(program.gates[index].once && used.contains(program.rules[index].id))
    }

    /// The rule's bindings at a form when its pattern matches and its conditions hold.
    private func check(_ rule: CompiledRule, at form: Form) -> (Bindings?, TurnTrace.Outcome) {
        var bindings = Bindings()
        if let pattern = rule.pattern {
            guard pattern.isControl == form.isControl, let match = pattern.match(form.tokens, ids: form.ids) else {
                return (nil, .noMatch)
            }
            bindings.named = match.named
            bindings.positional = match.positional
        } else if form.isControl && rule.idle == nil {
            return (nil, .noMatch)
        }
        if extensions != nil {
            if let that = rule.that {
                guard let named = Self.named(matching: that, thatForm?.form) else { return (nil, .noMatch) }
                bindings.named.merge(named) { _, new in new }
            }
            if let topic = rule.topic {
                guard let named = Self.named(matching: topic, topicForm?.form) else { return (nil, .noMatch) }
                bindings.named.merge(named) { _, new in new }
            }
            for name in rule.references { bindings.named[name] = extendedValue(name) }
        }
        if rule.conditions.isEmpty { return (bindings, .won) }
        let solver = ConditionSolver(facts: FactBase(turn: turnFacts, world: world, statics: program.staticFacts),
                                     budget: budget)
        guard let solution = solver.solve(rule.conditions, bindings) else { return (nil, .conditionsFailed) }
        return (solution, .won)
    }

    /// The named captures of a `that` or `topic` pattern matching `form`; nil when there is no
    /// form, it has no words, or the pattern does not match.
    private static func named(matching pattern: Pattern, _ form: Form?) -> [String: String]? {
        guard let form, !form.tokens.isEmpty, let match = pattern.match(form.tokens, ids: form.ids) else { return nil }
        return match.named
    }

    // MARK: Restate

    private mutating func restate(_ first: Form, isIdle: Bool) -> [Form] {
        var forms = [first]
        var firedRules: Set<Int> = []
        while true {
            guard firedRules.count < Self.maximumRestateFirings else {
                trace.notes.append("restate stopped after \(Self.maximumRestateFirings) firings")
                break
            }
            let form = forms[forms.count - 1]
            let onIdleInput = isIdle && forms.count == 1
            let candidates = program.restate.candidates(for: form).filter { index in
                !firedRules.contains(index) && isEnabled(ruleAt: index)
                    && (!onIdleInput || program.gates[index].startsWithIdle)
            }.sorted { (program.gates[$0].tier, $0) < (program.gates[$1].tier, $1) }
            var firing: (Int, Bindings)?
            for index in candidates {
                if let bindings = check(program.rules[index], at: form).0 {
                    firing = (index, bindings)
                    break
                }
            }
            guard let (index, bindings) = firing else { break }
            firedRules.insert(index)
            let rule = program.rules[index]
            var inferred: [String] = []
            for pattern in rule.infer {
                guard let fact = pattern.instantiate(bindings) else { continue }
                if tracing { inferred.append(fact.description) }
                if !turnFacts.contains(where: { $0.isSame(as: fact) }) { turnFacts.append(fact) }
            }
            let rewritten = rule.to.map { $0.text(bindings) }
            if tracing { trace.restatements.append(.init(rule: rule.id, form: rewritten, inferred: inferred)) }
            guard let rewritten else { continue }
            let next = Form(parsing: rewritten.trimmingWhiteSpace, words: program.words)
            if rewritten.unicodeScalars.count > MindError.maximumInputScalars {
                trace.notes.append("restated form of \(rule.id) is too long; the restate chain ends")
                break
            }
            if forms.contains(where: { $0.matchesSameWords(as: next) }) {
                trace.notes.append("restated form of \(rule.id) repeats an earlier form; the restate chain ends")
                break
            }
            forms.append(next)
        }
        return forms
    }

    // MARK: Respond

    private mutating func respond(_ forms: [Form], idleSeconds: DecimalNumber?, formOffset: Int = 0)
        -> (CompiledRule, Bindings)?
    {
        // Candidates as (tier, form, rule index) packed into one integer each, so that ordering
        // them compares integers: tier in the high 24 bits, form in the next 8, rule in the low 32
        // (tiers are below the rule count, forms at most 1 + 16 restate firings).
        func entry(tier: Int32, form: Int, rule: Int) -> UInt64 {
            UInt64(tier) << 40 | UInt64(form) << 32 | UInt64(rule)
        }
        var entries: [UInt64] = []
        entries.reserveCapacity(64)
        for (formIndex, form) in forms.enumerated() {
            let onIdleInput = idleSeconds != nil && formIndex == 0
            for index in program.respond.candidates(for: form) {
                guard isEnabled(ruleAt: index), !onIdleInput || program.gates[index].startsWithIdle else { continue }
                entries.append(entry(tier: program.gates[index].tier, form: formIndex, rule: index))
            }
        }
        if let idleSeconds {
            for index in program.idleRules {
                let rule = program.rules[index]
                guard let threshold = rule.idle, threshold.exact <= idleSeconds, isEnabled(ruleAt: index),
                    !fired.contains(rule.id)
                else { continue }
                entries.append(entry(tier: program.gates[index].tier, form: 0, rule: index))
            }
        }
        var queue = CandidateQueue(entries)
        var winner: (CompiledRule, Bindings)?
        while let entry = queue.popMin() {
            let rule = program.rules[Int(entry & 0xFFFF_FFFF)]
            let form = Int(entry >> 32 & 0xFF)
            if winner != nil {
                guard tracing else { break }
                trace.candidates.append(.init(rule: rule.id, form: formOffset + form, outcome: .outranked))
                continue
            }
            let (bindings, outcome) = check(rule, at: forms[form])
            if tracing { trace.candidates.append(.init(rule: rule.id, form: formOffset + form, outcome: outcome)) }
            if let bindings { winner = (rule, bindings) }
        }
        return winner
    }

    private mutating func applyEffects(of rule: CompiledRule, _ bindings: Bindings) {
        for pattern in rule.retract {
            let before = world.count
            world.removeAll { pattern.unify(with: $0, bindings) != nil }
            if tracing, world.count != before { trace.effects.append("retract \(pattern) (\(before - world.count) removed)") }
        }
        for pattern in rule.assert {
            guard let fact = pattern.instantiate(bindings), !world.contains(where: { $0.isSame(as: fact) }) else {
                continue
            }
            world.append(fact)
            if tracing { trace.effects.append("assert \(fact)") }
        }
        if let goto = rule.goto {
            states[goto.model] = goto.state
            if tracing {
                let model = program.models[goto.model]
                trace.effects.append(goto.state.map { "goto \(model.name).\(model.states[$0].name)" }
                    ?? "goto \(model.name) (no state)")
            }
        }
        if rule.once, !used.contains(rule.id) {
            used.append(rule.id)
            if tracing { trace.effects.append("once: \(rule.id) used") }
        }
        if rule.idle != nil { fired.append(rule.id) }
    }

    // MARK: Render

    /// Renders `say`: chooses a variant (recording it), then expands its intents.
    private mutating func render(_ say: CompiledRule.Say?, _ bindings: Bindings, depth: Int) -> String {
        let template: Template
        switch say {
        case nil: return ""
        case .single(let single)?: template = single
        case .variants(let variants, let weights)?: template = variants[choose(variants, weights, bindings)]
        }
        return render(template, bindings, depth: depth)
    }

    /// A template's text with its values filled in, its intents generated and its functions run.
    private mutating func render(_ template: Template, _ bindings: Bindings, depth: Int) -> String {
        if let plain = template.plain { return plain }
        var output = ""
        for segment in template.segments {
            switch segment {
            case .text(let text): output += text
            case .capture(let name): output += bindings.capture(name)
            case .variable(let name): output += bindings.variables[name] ?? ""
            case .intent(let name): output += generate(name, bindings, depth: depth + 1)
            case .userVariable(let name): output += variable(name)
            case .botProperty(let name): output += extensions?.bot[name] ?? ""
            case .that: output += that
            case .input: output += currentInput
            case .date(let format): output += time.map { DateText.format($0, format ?? DateText.defaultFormat) } ?? ""
            case .call(let call, _): output += run(call, bindings, depth: depth)
            }
        }
        return output
    }

    /// The value of a `$name` or `bot.name` reference.
    private func extendedValue(_ name: String) -> String {
        name.hasPrefix("$") ? variable(String(name.dropFirst())) : extensions?.bot[String(name.dropFirst(4))] ?? ""
    }

    /// Bindings with the `$name` and `bot.name` values that conditions read.
    private func withValues(_ bindings: Bindings, for conditions: [Condition]) -> Bindings {
        var bindings = bindings
        for condition in conditions {
            for name in RulebaseCompiler.captures(of: condition) where FactSyntax.isExtendedValueName(name) {
                bindings.named[name] = extendedValue(name)
            }
        }
        return bindings
    }

    /// Every solution of `conditions` (at most 1,000), in order.
    private func solutions(_ conditions: [Condition], _ bindings: Bindings) -> [Bindings] {
        let solver = ConditionSolver(facts: FactBase(turn: turnFacts, world: world, statics: program.staticFacts),
                                     budget: budget)
        return solver.solveAll(conditions, withValues(bindings, for: conditions), limit: 1000)
    }

    /// Runs a template function.
    private mutating func run(_ call: TemplateCall, _ bindings: Bindings, depth: Int) -> String {
        switch call {
        case .transform(let transform, let body):
            let text = render(body, bindings, depth: depth)
            switch transform {
            case .upper: return text.uppercased()
            case .lower: return text.lowercased()
            case .formal: return CaseStyle.formal(text)
            case .sentence: return CaseStyle.sentence(text)
            case .person, .person2, .gender: return extensions?.swaps[transform]?.apply(to: text) ?? text
            }
        case .think(let body):
            _ = render(body, bindings, depth: depth)
            return ""
        case .set(let name, let body):
            vars[name] = render(body, bindings, depth: depth)
            if tracing { trace.effects.append("set $\(name) = \"\(vars[name] ?? "")\"") }
            return ""
        case .reply(let body):
            return reply(to: render(body, bindings, depth: depth))
        case .branches(let branches):
            for branch in branches {
                guard let conditions = branch.conditions else { return render(branch.body, bindings, depth: depth) }
                if let solution = solutions(conditions, bindings).first {
                    return render(branch.body, solution, depth: depth)
                }
            }
            return ""
        case .random(let bodies):
            return render(bodies[random.choose(among: bodies.count)], bindings, depth: depth)
        case .each(let conditions, let body, let separator, let last):
            let items = solutions(conditions, bindings).map { render(body, $0, depth: depth) }
            guard items.count > 1 else { return items.first ?? "" }
            return items.dropLast().joined(separator: separator) + last + items[items.count - 1]
        case .count(let conditions):
            return String(solutions(conditions, bindings).count)
        case .sum(let conditions, let body):
            let terms = solutions(conditions, bindings).map { render(body, $0, depth: depth).trimmingWhiteSpace }
            return Arithmetic.evaluate(terms.isEmpty ? "0" : terms.map { "(\($0))" }.joined(separator: "+")) ?? ""
        case .arithmetic(let body):
            let text = render(body, bindings, depth: depth)
            guard let value = Arithmetic.evaluate(text) else {
                if tracing { trace.notes.append("{= \(text)} is not arithmetic: renders \"\"") }
                return ""
            }
            return value
        case .map(let name, let body):
            let key = TextNormalizer.tokens(of: render(body, bindings, depth: depth)).map(\.match).joined(separator: " ")
            return extensions?.maps[name]?[key] ?? ""
        }
    }

    /// `{reply: text}`: the trimmed output of answering `text` now, past the limits "".
    private mutating func reply(to text: String) -> String {
        guard replyDepth < Self.maximumReplyDepth, replies < Self.maximumReplies else {
            trace.notes.append("{reply: \(text)} past \(replyDepth < Self.maximumReplyDepth ? "\(Self.maximumReplies) replies in a turn" : "depth \(Self.maximumReplyDepth)") renders \"\"")
            return ""
        }
        replies += 1
        replyDepth += 1
        // The trace keeps the turn's own input, forms and candidates; the reply is listed on its own.
        let saved = (trace.winner, trace.forms, trace.candidates, currentInput)
        let input = (trace.tokens, trace.substitution, trace.isControl, trace.restatements)
        let output = answer(text.trimmingWhiteSpace, isTurnInput: false).trimmingWhiteSpace
        if tracing { trace.generated.append("{reply: \(text)} -> \(trace.winner ?? "none")") }
        (trace.winner, trace.forms, trace.candidates, currentInput) = saved
        (trace.tokens, trace.substitution, trace.isControl, trace.restatements) = input
        replyDepth -= 1
        return output
    }

    /// Section 7: skip recently chosen texts, draw among the rest (a variant of weight N counting
    /// N times), else the least recently chosen.
    private mutating func choose(_ variants: [Template], _ weights: [Int]?, _ bindings: Bindings) -> Int {
        let hashes = variants.map { FNV1a.hash($0.text(bindings)) }
        let fresh = hashes.indices.filter { !recent.contains(hashes[$0]) }
        let chosen: Int
        if fresh.isEmpty {
            let lastUse = hashes.map { recent.lastIndex(of: $0) ?? -1 }
            chosen = lastUse.indices.min { lastUse[$0] < lastUse[$1] } ?? 0
        } else if let weights, fresh.count > 1 {
            var draw = random.choose(among: fresh.reduce(0) { $0 + weights[$1] })
            chosen = fresh.first { index in
                draw -= weights[index]
                return draw < 0
            } ?? fresh[0]
        } else {
            chosen = fresh[random.choose(among: fresh.count)]
        }
        recent.append(hashes[chosen])
        if recent.count > Self.recentChoices { recent.removeFirst(recent.count - Self.recentChoices) }
        return chosen
    }

    /// The output of the first enabled generate rule for `intent` whose conditions hold.
    private mutating func generate(_ intent: String, _ bindings: Bindings, depth: Int) -> String {
        guard depth <= Self.maximumIntentDepth else {
            trace.notes.append("@\(intent) past depth \(Self.maximumIntentDepth) renders \"\"")
            return ""
        }
        guard expansions < Self.maximumExpansions else {
            trace.notes.append("@\(intent) past \(Self.maximumExpansions) expansions renders \"\"")
            return ""
        }
        expansions += 1
        let solver = ConditionSolver(facts: FactBase(turn: turnFacts, world: world, statics: program.staticFacts),
                                     budget: budget)
        for index in program.generators[intent, default: []] {
            let rule = program.rules[index]
            guard program.isEnabled(ruleAt: index, in: states), let solution = solver.solve(rule.conditions, bindings) else {
                continue
            }
            if tracing { trace.generated.append("@\(intent) -> \(rule.id)") }
            return render(rule.say, solution, depth: depth)
        }
        if tracing { trace.generated.append("@\(intent) -> none") }
        return ""
    }

    // MARK: Idle

    /// Section 8: the smallest threshold among idle rules enabled now, whose conditions hold
    /// against world and static facts, that have not fired since the last non-idle input.
    private func computeIdle() -> Double? {
        let solver = ConditionSolver(facts: FactBase(turn: [], world: world, statics: program.staticFacts),
                                     budget: budget)
        for index in program.idleRules {
            let rule = program.rules[index]
            guard isEnabled(ruleAt: index), !fired.contains(rule.id), let threshold = rule.idle else { continue }
            if solver.solve(rule.conditions, Bindings()) != nil { return threshold.seconds }
        }
        return nil
    }
}
