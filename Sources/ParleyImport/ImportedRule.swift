/// A respond rule of the imported mind, made from one category.
struct ImportedRule: Sendable {
    let id: String
    let patterns: RulePatterns
    let priority: Int
    let say: String

    /// The rule as written in the mind: kind, id, input, that, topic, priority, say.
    var value: MindValue {
        var members: [(key: String, value: MindValue)] = [
            ("kind", .string("respond")), ("id", .string(id)), ("input", .string(patterns.input)),
        ]
        if let that = patterns.that { members.append(("that", .string(that))) }
        if let topic = patterns.topic { members.append(("topic", .string(topic))) }
        members += [("priority", .number(String(priority))), ("say", .string(say))]
        return .object(members)
    }
}
