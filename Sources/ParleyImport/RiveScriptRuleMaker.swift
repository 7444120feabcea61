/// Makes the respond rules of one trigger: one per pattern the trigger becomes (usually one), each
/// with its `that`, its conditions and its say; the topic and priority are added where the trigger
/// is used.
struct RiveScriptRuleMaker {
    /// A rule without topic and priority.
    struct Rule: Sendable {
        var input: String
        var that: String?
        var when: [String]
        var say: MindValue
    }

    let context: RiveScriptMindContext
    private(set) var notes: [ImportNote] = []
    /// The user variables the rules read, with their defaults.
    private(set) var reads: [String: String] = [:]
    private(set) var facts = RiveScriptFacts()
    /// Whether some rule has a `_` wildcard, whose condition needs the restate rules for numbers.
    private(set) var checksNumbers = false
    /// The concepts the patterns use.
    private(set) var concepts: Set<String> = []

    init(context: RiveScriptMindContext) {
        self.context = context
    }

    private mutating func note(_ kind: ImportNote.Kind, _ trigger: RiveScriptTrigger, _ message: String) {
        notes.append(ImportNote(kind: kind, file: trigger.file, line: trigger.line, message: message))
    }

    /// The rules of a trigger; empty when it can never match or uses what the mind cannot express.
    mutating func rules(for trigger: RiveScriptTrigger, isBegin: Bool) -> [Rule] {
        let label = "+ \(trigger.text)"
        let pattern = RiveScriptPattern(trigger.text, botValue: context.botPatternValue, isArray: context.isArray)
        if !pattern.unsupported.isEmpty {
            note(.droppedElement, trigger, "\(label): \(pattern.unsupported.joined(separator: "; ")); the trigger is left out")
            return []
        }
        let texts = trigger.replies + trigger.conditions + [trigger.redirect ?? ""]
        var writer = RiveScriptPatternWriter(prefix: "s", namesEveryWildcard: false, checksNumbers: true,
                                             referenced: Self.numbers("star", in: texts), context: context)
        let inputs = writer.variants(of: pattern, facts: &facts)
        for approximation in writer.approximations { note(.approximated, trigger, "\(label): \(approximation)") }
        guard !inputs.isEmpty else {
            note(.unmatchable, trigger, "\(label) can never match (an undefined array, or text no message holds): it is left out")
            return []
        }
        var thats = [RiveScriptPatternWriter.Variant?.none]
        var thatCount = 0
        if let previous = trigger.previous {
            let thatPattern = RiveScriptPattern(previous, botValue: context.botPatternValue, isArray: context.isArray)
            var thatWriter = RiveScriptPatternWriter(prefix: "b", namesEveryWildcard: true, checksNumbers: false,
                                                     referenced: Self.numbers("botstar", in: texts), context: context)
            let variants = thatWriter.variants(of: thatPattern, facts: &facts)
            guard thatPattern.unsupported.isEmpty, !variants.isEmpty else {
                note(.unmatchable, trigger, "\(label): the previous pattern \"\(previous)\" can never match: it is left out")
                return []
            }
            thats = variants.map(Optional.some)
            thatCount = thatPattern.captureCount
        }
        var rules: [Rule] = []
        for input in inputs {
            for that in thats {
                var template = RiveScriptTemplateWriter(context: context, stars: input.captures,
                                                        starCount: pattern.captureCount, botstars: that?.captures ?? [:],
                                                        botstarCount: thatCount, isBegin: isBegin)
                let say = say(for: trigger, &template)
                for (kind, message) in template.notes {
                    let text = "\(label): \(message)"
                    if !notes.contains(where: { $0.line == trigger.line && $0.file == trigger.file && $0.message == text }) {
                        note(kind, trigger, text)
                    }
                }
                reads.merge(template.reads) { old, _ in old }
                var when = input.conditions + (that?.conditions ?? [])
                if trigger.previous != nil {
                    when.append("{$\(RiveScriptMindContext.depth)} = 0")
                    reads[RiveScriptMindContext.depth] = "0"
                }
                if isBegin { when.append("{$\(RiveScriptMindContext.stage)} = begin") }
                rules.append(Rule(input: input.pattern, that: that?.pattern, when: when, say: say))
                checksNumbers = checksNumbers || input.conditions.contains { $0.hasPrefix("not Num(") }
                for piece in input.pieces + (that?.pieces ?? []) {
                    for word in piece.split(whereSeparator: { "()[]| ".contains($0) }) where word.hasPrefix("~") {
                        concepts.insert(String(word.dropFirst()))
                    }
                }
            }
        }
        return rules
    }

    /// The say of a trigger: its redirect, else its conditions in order and then its replies, a
    /// list of weighted variants when there are several.
    private mutating func say(for trigger: RiveScriptTrigger, _ template: inout RiveScriptTemplateWriter) -> MindValue {
        if let redirect = trigger.redirect {
            return .string(template.redirect(redirect))
        }
        var prefix = ""
        var branches = ""
        for line in trigger.conditions {
            guard let condition = RiveScriptCondition(line) else {
                note(.syntaxError, trigger, "+ \(trigger.text): the condition \"\(line)\" is ignored, as rivescript-python ignores it")
                continue
            }
            let left = template.operand(condition.left), right = template.operand(condition.right)
            prefix += left.prefix + right.prefix
            let keyword = branches.isEmpty ? "if" : "elif"
            branches += "{\(keyword) \(left.term) \(condition.comparison) \(right.term): \(template.template(condition.reply))}"
        }
        var replies: [(text: String, weight: Int)] = []
        for reply in trigger.replies {
            let weight = max(RiveScriptWeight.weight(in: reply) ?? 1, 1)
            replies.append((template.template(reply), weight))
        }
        if replies.isEmpty { replies = [("[ERR: No Reply Found]", 1)] }
        func whole(_ reply: String) -> String {
            branches.isEmpty ? reply : prefix + branches + "{else: \(reply)}"
        }
        if replies.count == 1 { return .string(whole(replies[0].text)) }
        return .array(replies.map { reply in
            reply.weight == 1 ? .string(whole(reply.text))
                : .object([("text", .string(whole(reply.text))), ("weight", .number(String(reply.weight)))])
        })
    }

    /// The numbers N of `<TAGN>` (and `<TAG>` as 1, with the shortcuts that stand for `<star>`) in texts.
    private static func numbers(_ tag: String, in texts: [String]) -> Set<Int> {
        var found: Set<Int> = []
        for text in texts {
            if tag == "star", ["<person>", "<@>", "<formal>", "<sentence>", "<uppercase>", "<lowercase>"]
                .contains(where: text.contains)
            {
                found.insert(1)
            }
            var rest = Substring(text)
            while let range = rest.range(of: "<\(tag)") {
                rest = rest[range.upperBound...]
                let digits = rest.prefix(while: \.isNumber)
                if rest.dropFirst(digits.count).first == ">" { found.insert(Int(digits) ?? 1) }
            }
        }
        return found
    }
}
