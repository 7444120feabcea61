import Foundation

/// What every rule of an imported RiveScript mind needs to know of the whole script: arrays, bot
/// variables, globals, topics and object macros, and the parts of the import's machinery it uses.
struct RiveScriptMindContext: Sendable {
    let source: RiveScriptSource
    /// Each array's entries as rivescript-python's triggers match them (nested arrays expanded,
    /// lowercased, only entries an ASCII message can hold).
    private let arrays: [String: [String]]
    /// Bot variables and globals that a reply changes (`<bot x=...>`, `<env x=...>`): user variables here.
    let changedBotVariables: Set<String>
    let changedGlobals: Set<String>
    /// Whether a reply reads the history (`<input>`, `<reply2>`...): the turn wrapper keeps it.
    let historyDepth: Int
    /// rivescript-python's limit of nested redirects (`! global depth`).
    let depth: Int
    /// Whether there is a BEGIN block.
    let hasBegin: Bool

    /// The turn wrapper's stage variable, the BEGIN block's saved message, the depth of redirects
    /// and the BEGIN block's answer to the message.
    static let stage = "rs_stage"
    static let message = "rs_msg"
    static let depth = "rs_depth"
    static let ok = "rs_ok"

    init(source: RiveScriptSource, depth: Int) {
        self.source = source
        var arrays: [String: [String]] = [:]
        for name in source.arrays.keys {
            var seen: Set<String> = []
            arrays[name] = Self.expand(name, source: source, depth: depth).compactMap { entry in
                let text = entry.replacingOccurrences(of: "\\s", with: " ").lowercased().pythonWords.joined(separator: " ")
                guard !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.isRiveScriptWordCharacter || $0 == " " }),
                    seen.insert(text).inserted
                else { return nil }
                return text
            }
        }
        self.arrays = arrays
        var changedBot: Set<String> = [], changedGlobal: Set<String> = []
        var history = 0
        let replies = source.triggers.flatMap { $0.replies + $0.conditions + [$0.redirect ?? ""] }
        let patterns = source.triggers.flatMap { [$0.text, $0.previous ?? ""] }
        for text in replies + patterns {
            changedBot.formUnion(Self.assigned("bot", in: text))
            changedGlobal.formUnion(Self.assigned("env", in: text))
            for tag in ["<input", "<reply"] {
                var rest = Substring(text)
                while let range = rest.range(of: tag) {
                    rest = rest[range.upperBound...]
                    if rest.first == ">" {
                        history = max(history, 1)
                    } else if let digit = rest.first?.wholeNumberValue, rest.dropFirst().first == ">" {
                        history = max(history, digit)
                    }
                }
            }
        }
        changedBotVariables = changedBot
        changedGlobals = changedGlobal
        historyDepth = history
        self.depth = depth
        hasBegin = !(source.topics[RiveScriptSource.beginTopic] ?? []).isEmpty
    }

    /// The names of `<TAG name=...>` in a text.
    private static func assigned(_ tag: String, in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let range = rest.range(of: "<\(tag) ") {
            rest = rest[range.upperBound...]
            let end = rest.firstIndex { $0 == ">" || $0 == "<" } ?? rest.endIndex
            if let equals = rest[..<end].firstIndex(of: "=") { names.insert(String(rest[..<equals])) }
        }
        return names
    }

    /// `expand_array`: the entries with nested arrays expanded; the entries as written when an
    /// array is missing or the nesting is too deep.
    private static func expand(_ name: String, source: RiveScriptSource, depth: Int) -> [String] {
        func expanded(_ name: String, _ level: Int) -> [String]? {
            guard level <= depth, let entries = source.arrays[name] else { return nil }
            var result = entries.filter { !$0.hasPrefix("@") }
            for entry in entries where entry.hasPrefix("@") {
                guard let nested = expanded(String(entry.dropFirst()), level + 1) else { return nil }
                result += nested
            }
            return result
        }
        return expanded(name, 0) ?? source.arrays[name] ?? []
    }

    /// Whether an array is defined.
    func isArray(_ name: String) -> Bool {
        arrays[name] != nil
    }

    /// The entries of an array in triggers, nil when it is not defined.
    func arrayEntries(_ name: String) -> [String]? {
        arrays[name]
    }

    /// The concept of an array.
    func conceptName(_ name: String) -> String {
        MindName.identifier(name)
    }

    /// The mind's name of a user variable.
    func variableName(_ name: String) -> String {
        MindName.identifier(name)
    }

    /// The value rivescript-python puts in a pattern for `<bot name>`, nil when it is not defined.
    func botPatternValue(_ name: String) -> String? {
        source.vars[name].map { $0.lowercased().strippingNasties.pythonWords.joined(separator: " ") }
    }

    /// Whether a topic exists (was declared or has triggers).
    func isTopic(_ name: String) -> Bool {
        source.topics[name] != nil
    }
}
