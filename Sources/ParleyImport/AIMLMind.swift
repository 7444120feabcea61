/// What the AIML import makes of its files: the parts of the mind document, before they are written.
struct AIMLMind: Sendable {
    /// The mind's name.
    let name: String
    /// The bot properties, in order.
    let bot: [(String, String)]
    /// The AIML 2.0 sets that patterns use, as concepts.
    let concepts: [(name: String, entries: [String])]
    /// The AIML 2.0 maps.
    let maps: [(name: String, entries: [(key: String, value: String)])]
    /// One rule per kept category, in the order the files give them.
    let rules: [ImportedRule]
    /// What could not be carried over, and what the import did instead; by file, in line order.
    let notes: [ImportNote]

    /// The number of categories kept, one rule each.
    var categories: Int { rules.count }

    /// The document: python-aiml's sentence splitting and punctuation, its word tables, and one model.
    var document: MindValue {
        var members: [(key: String, value: MindValue)] = [
            ("mind", .string(name)), ("version", .number("1.1")), ("sentences", .bool(true)),
            ("punctuation", .string("split")), ("bot", .texts(bot)), ("variables", .object([])),
            ("substitutions", .texts(AIMLDefaultTables.substitutions)), ("person", .texts(AIMLDefaultTables.person)),
            ("person2", .texts(AIMLDefaultTables.person2)), ("gender", .texts(AIMLDefaultTables.gender)),
        ]
        if !concepts.isEmpty {
            members.append(("concepts", .object(concepts.map { ($0.name, .array($0.entries.map(MindValue.string))) })))
        }
        if !maps.isEmpty {
            members.append(("maps", .object(maps.map { ($0.name, .texts($0.entries.map { ($0.key, $0.value) })) })))
        }
        let model: MindValue = .object([("name", .string("aiml")), ("rules", .array(rules.map(\.value)))])
        members.append(("models", .array([model])))
        return .object(members)
    }
}
