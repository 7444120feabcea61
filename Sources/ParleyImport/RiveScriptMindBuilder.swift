import Foundation

/// Puts an imported RiveScript script together as a mind document: the tables, the turn wrapper
/// (for the BEGIN block and the history), the restate rules that mark numbers, each topic's rules
/// with priorities in rivescript-python's order, and the answer when nothing matches.
struct RiveScriptMindBuilder {
    let context: RiveScriptMindContext
    let depth: Int
    private(set) var notes: [ImportNote] = []
    private(set) var ruleCount = 0

    /// How many numbers of a message the restate rules mark (a `_` may not match them).
    static let markedNumbers = 6
    /// rivescript-python's answer when no trigger matches.
    static let noMatch = "[ERR: No Reply Matched]"

    init(context: RiveScriptMindContext, depth: Int) {
        self.context = context
        self.depth = depth
    }

    mutating func document(name: String) -> MindValue {
        let source = context.source
        var maker = RiveScriptRuleMaker(context: context)
        var cache: [Int: [RiveScriptRuleMaker.Rule]] = [:]
        func rules(_ index: Int, isBegin: Bool = false) -> [RiveScriptRuleMaker.Rule] {
            if let made = cache[index] { return made }
            let made = maker.rules(for: source.triggers[index], isBegin: isBegin)
            cache[index] = made
            return made
        }

        // The ordinary triggers: one rule per trigger and inheritance level, for the topics where the
        // trigger has that level, ranked as rivescript-python sorts them (the order of two triggers is
        // the same in every topic that has both). A trigger hidden by an earlier one of the same text
        // is left out of that topic.
        let sorter = RiveScriptSorter(source: source, depth: depth)
        let topics = source.topics.keys.filter { topic in
            guard topic != RiveScriptSource.beginTopic else { return false }
            // A topic the mind's pattern cannot name: no message reaches it ({topic=} needs a name).
            guard topic != "_", topic.unicodeScalars.contains(where: \.isRiveScriptWordCharacter) else {
                let first = source.topics[topic]?.first.map { source.triggers[$0] }
                notes.append(ImportNote(kind: .unmatchable, file: first?.file ?? "", line: first?.line ?? 0,
                                        message: "the topic \"\(topic)\" cannot be named in a pattern: its triggers are left out"))
                return false
            }
            return true
        }
        var places: [Placement: [String]] = [:]
        var placements: [RiveScriptSorter.Entry] = []
        var shown: Set<Int> = []
        for topic in topics {
            var seen: Set<String> = []
            for entry in sorter.ordinaryOrder(of: topic) where seen.insert(entry.text).inserted {
                let place = Placement(trigger: entry.trigger, level: entry.level)
                if places[place] == nil { placements.append(entry) }
                places[place, default: []].append(topic)
                shown.insert(entry.trigger)
            }
        }
        let ranked = sorter.sorted(placements, excludingPrevious: false)
        var topicRules: [MindValue] = []
        for (rank, entry) in ranked.enumerated() {
            let topics = places[Placement(trigger: entry.trigger, level: entry.level)]!
            let pattern = topics.count == 1 ? topics[0] : "(" + topics.joined(separator: "|") + ")"
            for rule in rules(entry.trigger) {
                topicRules.append(value(rule, topic: pattern, priority: ranked.count - rank))
            }
        }
        var highest = ranked.count

        // The %Previous triggers, tried before the others: each topic's list.
        var previousRules: [MindValue] = []
        var longest = 0
        for topic in topics {
            let order = sorter.previousOrder(of: topic)
            longest = max(longest, order.count)
            for (position, index) in order.enumerated() {
                shown.insert(index)
                for rule in rules(index) {
                    previousRules.append(value(rule, topic: topic, priority: highest + order.count - position))
                }
            }
        }
        highest += longest
        for index in source.triggers.indices where !shown.contains(index) && topics.contains(source.triggers[index].topic) {
            let trigger = source.triggers[index]
            notes.append(ImportNote(kind: .duplicate, file: trigger.file, line: trigger.line,
                                    message: "+ \(trigger.text): an earlier trigger with the same text always wins; this one is left out"))
        }

        // The BEGIN block answers "request" first, above every topic's rules.
        var beginRules: [MindValue] = []
        if context.hasBegin {
            let name = RiveScriptSource.beginTopic
            let begin = sorter.previousOrder(of: name) + sorter.ordinaryOrder(of: name).map(\.trigger)
            for (position, index) in begin.enumerated() {
                for rule in rules(index, isBegin: true) {
                    beginRules.append(value(rule, topic: nil, priority: highest + begin.count - position))
                }
            }
            highest += begin.count
        }
        var wrapper: [MindValue] = []
        if context.hasBegin || context.historyDepth > 0 {
            wrapper.append(turnWrapper(priority: highest + 1))
        }
        let restate = maker.checksNumbers ? numberMarks() : []
        let fallback: MindValue = .object([("kind", .string("respond")), ("input", .string("*")),
                                           ("priority", .number("0")), ("say", .string(Self.noMatch))])
        let all = restate + wrapper + beginRules + previousRules + topicRules + [fallback]
        ruleCount = all.count
        notes += maker.notes

        var members: [(key: String, value: MindValue)] = [("mind", .string(name)), ("version", .number("1.1"))]
        let bot = source.vars.entries.map { (MindName.identifier($0.key), $0.value) }
        if !bot.isEmpty { members.append(("bot", .texts(bot))) }
        members.append(("variables", .texts(variables(maker.reads))))
        let person = RiveScriptSorter.sortedList(source.persons.keys).map { ($0, source.persons[$0]!) }
        if !person.isEmpty { members.append(("person", .texts(person))) }
        let substitutions = substitutions()
        notes += substitutions.dropped
        members.append(("substitutions", .texts(substitutions.table)))
        let concepts = source.arrays.keys.filter { maker.concepts.contains(context.conceptName($0)) }
        if !concepts.isEmpty {
            members.append(("concepts", .object(concepts.map {
                (context.conceptName($0), .array((context.arrayEntries($0) ?? []).map(MindValue.string)))
            })))
        }
        if !maker.facts.facts.isEmpty { members.append(("facts", .array(maker.facts.facts.map(MindValue.string)))) }
        for (name, object) in source.objects.entries {
            let message = object.language == "python"
                ? "the Python object \"\(name)\" is not carried over: <call>\(name) ...</call> becomes the output tag [call \(name) ...]"
                : "the \(object.language) object \"\(name)\" is not carried over; rivescript-python has no handler for it either"
            notes.append(ImportNote(kind: .objectMacro, file: object.file, line: object.line, message: message))
        }
        members.append(("models", .array([.object([("name", .string("main")), ("rules", .array(all))])])))
        return .object(members)
    }

    /// A trigger at an inheritance level.
    private struct Placement: Hashable {
        let trigger: Int
        let level: Int
    }

    /// A rule as written in the mind.
    private func value(_ rule: RiveScriptRuleMaker.Rule, topic: String?, priority: Int) -> MindValue {
        var members: [(key: String, value: MindValue)] = [("kind", .string("respond")), ("input", .string(rule.input))]
        if let that = rule.that { members.append(("that", .string(that))) }
        if let topic { members.append(("topic", .string(topic))) }
        if !rule.when.isEmpty { members.append(("when", .array(rule.when.map(MindValue.string)))) }
        members += [("priority", .number(String(priority))), ("say", rule.say)]
        return .object(members)
    }

    /// The rule that answers every message first: it keeps the BEGIN block's order (the block's
    /// reply to "request", whose `{ok}` is the answer to the message) and the history of inputs
    /// and replies that `<input>` and `<reply>` read.
    private func turnWrapper(priority: Int) -> MindValue {
        let stage = RiveScriptMindContext.stage, message = RiveScriptMindContext.message
        var say = "{set \(message): {input}}"
        if context.hasBegin {
            say += "{set \(stage): begin}{set rs_out: {reply: request}}"
        } else {
            say += "{set \(stage): main}{set rs_out: {reply: {$\(message)}}}"
        }
        say += "{set \(stage): }"
        if context.historyDepth > 0 {
            for kind in ["input", "reply"] {
                for number in stride(from: context.historyDepth, to: 1, by: -1) {
                    say += "{set rs_\(kind)\(number): {$rs_\(kind)\(number - 1)}}"
                }
                say += kind == "input" ? "{set rs_input1: {lower: {rs_all}}}" : "{set rs_reply1: {$rs_out}}"
            }
        }
        say += "{$rs_out}"
        return .object([("kind", .string("respond")), ("input", .string("{rs_all:*}")),
                        ("when", .array([.string("{$\(stage)} = \"\"")])), ("priority", .number(String(priority))),
                        ("say", .string(say))])
    }

    /// Restate rules that state `Num(n)` for the first numbers of the message, so that a `_`
    /// (letters only in rivescript-python) does not take them.
    private func numberMarks() -> [MindValue] {
        (0..<Self.markedNumbers).map { count in
            let pattern = (Array(repeating: "* #", count: count) + ["* {n:#} *"]).joined(separator: " ")
            return .object([("kind", .string("restate")), ("input", .string(pattern)),
                            ("infer", .array([.string("Num({n})")]))])
        }
    }

    /// The user variables' defaults: "undefined" for those the replies read, `topic` random.
    private func variables(_ reads: [String: String]) -> [(String, String)] {
        var defaults = reads
        defaults["topic"] = "random"
        for number in 1...max(context.historyDepth, 1) where context.historyDepth > 0 {
            defaults["rs_input\(number)"] = "undefined"
            defaults["rs_reply\(number)"] = "undefined"
        }
        return defaults.keys.sorted().map { ($0, defaults[$0]!) }
    }
}
