/// The static facts of an imported RiveScript mind: for each captured group of single words, one fact
/// per word (`Choice1(are)`, `Array_colors(red)`), which the group's condition looks up.
struct RiveScriptFacts: Sendable {
    private var names: [[String]: String] = [:]
    private var registered: Set<String> = []
    private(set) var facts: [String] = []

    /// The fact name for a group of words, made once per distinct group.
    mutating func choiceName(_ words: [String]) -> String {
        if let name = names[words] { return name }
        let name = "Choice\(names.count + 1)"
        names[words] = name
        register(name, words)
        return name
    }

    /// Adds the facts `NAME(word)` unless they are there.
    mutating func register(_ name: String, _ words: [String]) {
        guard registered.insert(name).inserted else { return }
        var seen: Set<String> = []
        for word in words where seen.insert(word).inserted {
            facts.append("\(name)(\(Self.value(word)))")
        }
    }

    /// A fact argument: bare when it may be, else a JSON string.
    static func value(_ text: String) -> String {
        let bare = !text.isEmpty && text != "_" && text.unicodeScalars.allSatisfy {
            $0.isRiveScriptWordCharacter || $0 == "_" || $0 == "." || $0 == "-"
        }
        return bare ? text : TemplateText.json(text)
    }
}
