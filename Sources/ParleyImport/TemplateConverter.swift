/// Turns AIML templates into mind 1.1 templates with python-aiml's meaning of each element, noting
/// what is rendered differently or dropped.
struct TemplateConverter {
    /// The number of categories the import keeps, which `<size/>` renders.
    let size: Int
    /// The AIML 2.0 maps given to the import.
    let maps: Set<String>
    private(set) var notes: [ImportNote] = []
    /// The names already noted as renamed.
    private var renamed: Set<String> = []
    /// The file of the category being converted.
    private var path = ""
    /// The captures of the category being converted.
    private var patterns: RulePatterns?
    /// Whether the category being converted is from an AIML 2.0 file.
    private var aiml2 = false

    init(size: Int, maps: Set<String>) {
        self.size = size
        self.maps = maps
    }

    /// The mind template of a category's AIML template.
    mutating func say(_ category: AIMLCategory, path: String, patterns: RulePatterns) -> String {
        self.path = path
        self.patterns = patterns
        aiml2 = category.aiml2
        return contents(of: category.template, quoted: false)
    }

    /// A name of the mind (variable, bot property), noting once a name that had to change.
    private mutating func name(_ name: String, line: Int, what: String) -> String {
        let identifier = MindName.identifier(name)
        if identifier != name && renamed.insert(what + name).inserted {
            note(.renamed, line: line, "the \(what) \"\(name)\" is named \"\(identifier)\" in the mind")
        }
        return identifier
    }

    private mutating func note(_ kind: ImportNote.Kind, line: Int, _ message: String) {
        notes.append(ImportNote(kind: kind, file: path, line: line, message: message))
    }

    // MARK: Elements

    /// The template of an element's contents; `quoted` escapes text for a quoted argument of an output tag.
    private mutating func contents(of node: AIMLNode, quoted: Bool) -> String {
        var result = ""
        for child in node.children {
            switch child {
            case .text(let text, let preserve):
                result += TemplateText.escaped(preserve ? text : text.collapsingPythonSpace, quoted: quoted)
            case .element(let element):
                result += convert(element, quoted: quoted)
            }
        }
        return result
    }

    private mutating func convert(_ node: AIMLNode, quoted: Bool) -> String {
        switch node.name {
        case "star": return star(node, index: starIndex(node))
        case "thatstar": return contextStar(node, stars: patterns?.thatStars, whole: "{that}", what: "that")
        case "topicstar": return contextStar(node, stars: patterns?.topicStars, whole: "{$topic}", what: "topic")
        case "sr": return call("reply", star(node, index: 1))
        case "srai": return call("reply", contents(of: node, quoted: quoted))
        case "set":
            guard let variable = variable(node) else { return "" }
            return "{set \(variable): " + contents(of: node, quoted: quoted) + "}{$\(variable)}"
        case "get":
            return variable(node).map { "{$\($0)}" } ?? ""
        case "bot":
            guard let property = node.attributes["name"] else { return missingName(node) }
            return "{bot.\(name(property, line: node.line, what: "bot property"))}"
        case "think", "gossip": return call("think", contents(of: node, quoted: quoted))
        case "javascript":
            note(.approximated, line: node.line, "<javascript> runs nothing: its contents are rendered for their "
                 + "effects and show nothing, as in python-aiml")
            return call("think", contents(of: node, quoted: quoted))
        case "condition": return condition(node, quoted: quoted)
        case "random":
            let items = node.elements(named: "li").map { contents(of: $0, quoted: quoted) }
            return items.enumerated().map { "{" + ($0.offset == 0 ? "random" : "or") + ": " + $0.element + "}" }
                .joined()
        case "uppercase": return call("upper", contents(of: node, quoted: quoted))
        case "lowercase": return call("lower", contents(of: node, quoted: quoted))
        case "formal", "sentence", "gender": return call(node.name, contents(of: node, quoted: quoted))
        case "person", "person2":
            return call(node.name, node.children.isEmpty ? star(node, index: 1) : contents(of: node, quoted: quoted))
        case "date": return date(node)
        case "input":
            let index = Int(node.attributes["index"]?.pythonStripped ?? "1") ?? 1
            if index != 1 {
                note(.approximated, line: node.line, "<input index=\"\(index)\"/> (an earlier input) renders "
                     + "the input being answered")
            }
            return "{input}"
        case "that":
            let first = node.attributes["index"]?.split(separator: ",").first.map { String($0).pythonStripped }
            let index = first.flatMap { Int($0) } ?? 1
            if index != 1 {
                note(.approximated, line: node.line, "<that index=\"\(index)\"/> (an earlier output) renders "
                     + "the previous output")
            }
            return "{that}"
        case "size": return String(size)
        case "version": return "Parley"
        case "id":
            note(.approximated, line: node.line, "<id/> (python-aiml's session id) renders the user variable id")
            return "{$id}"
        case "system": return "[system \"" + contents(of: node, quoted: true) + "\"]"
        case "sraix": return sraix(node)
        case "map": return map(node, quoted: quoted)
        case "learn":
            note(.droppedElement, line: node.line, "<learn> is dropped: a mind loads no files while it runs")
            return ""
        default:
            note(.droppedElement, line: node.line, "<\(node.name)> is dropped with all it holds")
            return ""
        }
    }

    /// The `index` attribute of a star element, 1 without it.
    private func starIndex(_ node: AIMLNode) -> Int {
        node.attributes["index"].flatMap { Int($0.pythonStripped) } ?? 1
    }

    /// The pattern's star `index`, or nothing (noted) when it has no such wildcard.
    private mutating func star(_ node: AIMLNode, index: Int) -> String {
        let stars = patterns?.patternStars ?? []
        guard index <= stars.count else {
            note(.missingCapture, line: node.line, "<\(node.name)> reads star \(index), but the pattern has "
                 + "\(stars.count) wildcards: it renders nothing, as in python-aiml")
            return ""
        }
        guard let position = stars[index - 1] else {
            note(.missingCapture, line: node.line, "<\(node.name)> reads star \(index), a set, which the mind "
                 + "does not capture: it renders nothing")
            return ""
        }
        return "{\(position)}"
    }

    /// A thatstar or topicstar: its named capture, or `whole` when the that or topic is a lone wildcard.
    private mutating func contextStar(_ node: AIMLNode, stars: [String?]?, whole: String, what: String) -> String {
        let index = starIndex(node)
        guard let stars else {
            if index == 1 {
                note(.approximated, line: node.line, "<\(node.name)/> of the \(what) \"*\" renders all of "
                     + "\(whole), without python-aiml's substitutions")
                return whole
            }
            note(.missingCapture, line: node.line, "<\(node.name) index=\"\(index)\"/>: the \(what) has one "
                 + "wildcard: it renders nothing, as in python-aiml")
            return ""
        }
        guard index <= stars.count, let name = stars[index - 1] else {
            note(.missingCapture, line: node.line, "<\(node.name)> reads star \(index) of the \(what), which has "
                 + "no such wildcard: it renders nothing")
            return ""
        }
        return "{\(name)}"
    }

    /// The variable of a `<set>` or `<get>`, or nil (noted) without a name.
    private mutating func variable(_ node: AIMLNode) -> String? {
        guard let variable = node.attributes["name"] else {
            _ = missingName(node)
            return nil
        }
        return name(variable, line: node.line, what: "variable")
    }

    private mutating func missingName(_ node: AIMLNode) -> String {
        note(.droppedElement, line: node.line, "<\(node.name)> without a name is dropped (python-aiml fails on it)")
        return ""
    }

    /// `{NAME: BODY}`, or nothing for an empty body.
    private func call(_ head: String, _ body: String) -> String {
        body.isEmpty ? "" : "{" + head + ": " + body + "}"
    }

    private mutating func condition(_ node: AIMLNode, quoted: Bool) -> String {
        let predicate = node.attributes["name"]
        if let predicate, let value = node.attributes["value"] {
            return call("if " + comparison(predicate, value, line: node.line), contents(of: node, quoted: quoted))
        }
        let items = node.elements(named: "li")
        var branches: [String] = []
        var fallback = ""
        for (offset, item) in items.enumerated() {
            if offset == items.count - 1 && item.attributes["name"] == nil && item.attributes["value"] == nil {
                fallback = contents(of: item, quoted: quoted)
            } else if let name = predicate ?? item.attributes["name"], let value = item.attributes["value"] {
                branches.append(comparison(name, value, line: item.line) + ": " + contents(of: item, quoted: quoted))
            } else {
                note(.droppedElement, line: item.line, "an <li> without a predicate and a value, before the last, "
                     + "is dropped (python-aiml fails on it)")
            }
        }
        guard !branches.isEmpty else { return fallback }
        return branches.enumerated().map { "{" + ($0.offset == 0 ? "if " : "elif ") + $0.element + "}" }.joined()
            + (fallback.isEmpty ? "" : "{else: " + fallback + "}")
    }

    /// `$NAME = "VALUE"`.
    private mutating func comparison(_ predicate: String, _ value: String, line: Int) -> String {
        "$" + name(predicate, line: line, what: "variable") + " = " + TemplateText.json(value)
    }

    private mutating func date(_ node: AIMLNode) -> String {
        guard let format = node.attributes["format"] else { return "{date}" }
        guard aiml2 else {
            note(.approximated, line: node.line, "the date format \"\(format)\" is left out: python-aiml "
                 + "ignores it before AIML 2.0")
            return "{date}"
        }
        let known = Set("aAbBdeHIjmMpSyYZ%")
        var characters = format.makeIterator()
        var unknown: [String] = []
        while let character = characters.next() {
            guard character == "%" else { continue }
            if let code = characters.next(), !known.contains(code) { unknown.append("%" + String(code)) }
        }
        if !unknown.isEmpty {
            note(.approximated, line: node.line, "the date format \"\(format)\" uses "
                 + unknown.joined(separator: ", ") + ", which the mind writes as they are")
        }
        return "{date " + TemplateText.json(format) + "}"
    }

    private mutating func sraix(_ node: AIMLNode) -> String {
        let ignored = node.attributes.keys.filter { $0 != "default" && !$0.hasPrefix("xml:") }.sorted()
        if !ignored.isEmpty {
            note(.approximated, line: node.line, "<sraix> attributes " + ignored.joined(separator: ", ")
                 + " are left to the sraix handler")
        }
        let fallback = node.attributes["default"].map { " | " + TemplateText.escaped($0) } ?? ""
        return "[sraix \"" + contents(of: node, quoted: true) + "\"" + fallback + "]"
    }

    private mutating func map(_ node: AIMLNode, quoted: Bool) -> String {
        guard let map = node.attributes["name"], maps.contains(map) else {
            note(.droppedElement, line: node.line, "<map name=\"\(node.attributes["name"] ?? "")\"> is dropped: "
                 + "no such map was given")
            return ""
        }
        return call("map " + MindName.identifier(map), contents(of: node, quoted: quoted))
    }
}
