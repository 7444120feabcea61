import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the categories of one AIML file as python-aiml's parser does: the same states, the same
/// elements accepted in each, the same categories skipped for an error, and unknown elements ignored
/// with everything in them (an error in files of version 1.0.1). Categories whose pattern, that or
/// topic can never match are left out too. Each difference is noted.
final class AIMLReader: NSObject, XMLParserDelegate {
    /// What the reader needs to know besides the file.
    struct Context: Sendable {
        /// The words of the bot's name, in capitals, that `<bot name="name"/>` stands for in patterns.
        let botNameWords: [String]
        /// The AIML 2.0 sets given to the import.
        let sets: Set<String>
        /// The keys of the input substitutions, in lower case.
        let substitutionKeys: Set<String>
    }

    private enum State: Int, Comparable {
        case outsideAIML, insideAIML, insideCategory, insidePattern, afterPattern, insideThat, afterThat
        case insideTemplate, afterTemplate

        static func < (lhs: State, rhs: State) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// An error of python-aiml's parser: the category it happens in is skipped.
    private struct ParseError: Error {
        let message: String
    }

    /// The text and elements of a pattern or that, turned into tokens as they come.
    private struct PatternBuilder {
        var tokens: [PatternToken] = []
        var text = ""
        /// The name being read inside an AIML 2.0 `<set>`, if in one.
        var setName: String?

        /// Adds characters: to the set name inside `<set>`, else to the pattern text.
        mutating func append(text more: String) {
            if setName != nil { setName! += more } else { text += more }
        }

        mutating func flush(aiml2: Bool) {
            tokens += PatternToken.tokens(of: text, aiml2: aiml2)
            text = ""
        }
    }

    /// Required attributes, optional attributes, and whether the element may have contents: python-aiml's
    /// table of template elements.
    private static let elements: [String: (required: [String], optional: [String], parent: Bool)] = [
        "bot": (["name"], [], false), "condition": ([], ["name", "value"], true), "date": ([], [], false),
        "formal": ([], [], true), "gender": ([], [], true), "get": (["name"], [], false),
        "gossip": ([], [], true), "id": ([], [], false), "input": ([], ["index"], false),
        "javascript": ([], [], true), "learn": ([], [], true), "li": ([], ["name", "value"], true),
        "lowercase": ([], [], true), "person": ([], [], true), "person2": ([], [], true),
        "random": ([], [], true), "sentence": ([], [], true), "set": (["name"], [], true),
        "size": ([], [], false), "sr": ([], [], false), "srai": ([], [], true),
        "star": ([], ["index"], false), "system": ([], [], true), "template": ([], [], true),
        "that": ([], ["index"], false), "thatstar": ([], ["index"], false), "think": ([], [], true),
        "topicstar": ([], ["index"], false), "uppercase": ([], [], true), "version": ([], [], false),
    ]

    /// The AIML 2.0 template elements the import carries over, in files of version 2.
    private static let aiml2Elements: [String: (required: [String], optional: [String], parent: Bool)] = [
        "map": (["name"], [], true), "sraix": ([], ["default"], true),
    ]

    private let path: String
    private let fileIndex: Int
    private let context: Context
    private(set) var categories: [AIMLCategory] = []
    private(set) var notes: [ImportNote] = []

    private var parser: XMLParser?
    private var state = State.outsideAIML
    private var forwardCompatible = true
    private var aiml2 = false
    private var aimlPreserve = false
    private var insideTopic = false
    private var topic = ""
    /// The unknown element being ignored, and how many elements of its name are open in it.
    private var unknown: (name: String, depth: Int)?
    private var skippingCategory = false
    private var failed = false
    private var categoryCount = 0
    private var categoryLine = 0
    private var categoryPreserve = false
    private var pattern = PatternBuilder()
    private var that: PatternBuilder?
    /// The open template elements, the template first.
    private var stack: [AIMLNode] = []
    /// For each open `<condition>`, whether it has an `<li>` without attributes.
    private var defaultItemFound: [Bool] = []

    init(path: String, fileIndex: Int, context: Context) {
        self.path = path
        self.fileIndex = fileIndex
        self.context = context
    }

    /// Reads the text of the file; `categories` and `notes` hold the result.
    func read(_ text: String) {
        let parser = XMLParser(data: Data(Self.declaringUTF8(text).utf8))
        parser.delegate = self
        self.parser = parser
        if !parser.parse() && !failed {
            note(.xmlError, "the file cannot be read as XML: it is skipped")
        }
        self.parser = nil
    }

    /// The text with the encoding of its XML declaration, if any, changed to UTF-8: it is read as
    /// UTF-8 whatever encoding the file was decoded from.
    private static func declaringUTF8(_ text: String) -> String {
        guard text.hasPrefix("<?xml") || text.hasPrefix("\u{FEFF}<?xml"),
              let end = text.range(of: "?>"),
              let encoding = text.range(of: "encoding", range: text.startIndex..<end.lowerBound) else { return text }
        let rest = text[encoding.upperBound..<end.lowerBound]
        guard let open = rest.firstIndex(where: { $0 == "\"" || $0 == "'" }),
              let close = rest[rest.index(after: open)...].firstIndex(of: rest[open]) else { return text }
        return text[..<rest.index(after: open)] + "UTF-8" + text[close...]
    }

    private var line: Int { parser?.lineNumber ?? 0 }

    private func note(_ kind: ImportNote.Kind, _ message: String, line: Int? = nil) {
        notes.append(ImportNote(kind: kind, file: path, line: line ?? self.line, message: message))
    }

    // MARK: XMLParserDelegate

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard !failed, !skippingCategory else { return }
        if let open = unknown {
            if name == open.name { unknown = (name, open.depth + 1) }
            return
        }
        do {
            try start(name, attributes)
        } catch {
            reject(error.message)
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard !failed, state != .outsideAIML else { return }
        if let open = unknown {
            if name == open.name { unknown = open.depth > 1 ? (name, open.depth - 1) : nil }
            return
        }
        if skippingCategory {
            if name == "category" {
                skippingCategory = false
                state = .insideAIML
            }
            return
        }
        do {
            try end(name)
        } catch {
            reject(error.message)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        characters(string)
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        characters(String(decoding: block, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred error: any Error) {
        guard !failed else { return }
        failed = true
        let code = (error as NSError).code
        note(.xmlError, "the file is not well-formed XML (XMLParser error \(code) at column \(parser.columnNumber)): "
             + "the categories before this line are kept and the rest of the file is skipped "
             + "(python-aiml skips the whole file)")
    }

    // MARK: python-aiml's parser

    /// Notes a parse error; inside a category, the category is skipped up to its end.
    private func reject(_ message: String) {
        if state >= .insideCategory {
            skippingCategory = true
            note(.invalidCategory, message + ": the category is skipped, as python-aiml does")
        } else {
            note(.invalidCategory, message + ": ignored, as python-aiml does")
        }
    }

    /// Whether white space is kept in an element with these attributes inside one where it is `inherited`.
    private func preserves(_ attributes: [String: String], inherited: Bool) throws(ParseError) -> Bool {
        switch attributes["xml:space"] {
        case nil: inherited
        case "default": false
        case "preserve": true
        case let value?: throw ParseError(message: "invalid value \"\(value)\" for xml:space")
        }
    }

    private func start(_ name: String, _ attributes: [String: String]) throws(ParseError) {
        if name == "aiml" {
            guard state == .outsideAIML else { throw ParseError(message: "unexpected <aiml> tag") }
            state = .insideAIML
            insideTopic = false
            topic = ""
            let version = attributes["version"] ?? "1.0"
            forwardCompatible = version != "1.0.1"
            aiml2 = version.hasPrefix("2")
            aimlPreserve = try preserves(attributes, inherited: false)
            return
        }
        switch state {
        case .outsideAIML:
            return
        case _ where name == "topic":
            guard state == .insideAIML, !insideTopic else { throw ParseError(message: "unexpected <topic> tag") }
            guard let value = attributes["name"] else {
                throw ParseError(message: "required \"name\" attribute missing in <topic> element")
            }
            topic = value
            insideTopic = true
        case _ where name == "category":
            guard state == .insideAIML else { throw ParseError(message: "unexpected <category> tag") }
            state = .insideCategory
            categoryCount += 1
            categoryLine = line
            pattern = PatternBuilder()
            that = nil
            stack = []
            categoryPreserve = try preserves(attributes, inherited: aimlPreserve)
        case _ where name == "pattern":
            guard state == .insideCategory else { throw ParseError(message: "unexpected <pattern> tag") }
            state = .insidePattern
        case .afterPattern where name == "that":
            state = .insideThat
            that = PatternBuilder()
        case _ where name == "template":
            guard state == .afterPattern || state == .afterThat else {
                throw ParseError(message: "unexpected <template> tag")
            }
            state = .insideTemplate
            stack = [AIMLNode(name: name, attributes: attributes, line: line,
                              preserve: try preserves(attributes, inherited: categoryPreserve))]
        case .insidePattern, .insideThat:
            try startInPattern(name, attributes)
        case .insideTemplate where Self.elements[name] != nil || (aiml2 && Self.aiml2Elements[name] != nil):
            try startInTemplate(name, attributes)
        default:
            guard forwardCompatible else { throw ParseError(message: "unexpected <\(name)> tag") }
            unknown = (name, 1)
            note(.droppedElement,
                 "<\(name)> is dropped with all it holds: python-aiml ignores elements it does not know")
        }
    }

    private func startInPattern(_ name: String, _ attributes: [String: String]) throws(ParseError) {
        var builder = state == .insidePattern ? pattern : that ?? PatternBuilder()
        if name == "bot" && attributes["name"] == "name" {
            builder.flush(aiml2: aiml2)
            builder.tokens.append(.botName)
        } else if aiml2 && name == "set" && builder.setName == nil {
            builder.flush(aiml2: aiml2)
            builder.setName = ""
        } else {
            throw ParseError(message: "unexpected <\(name)> tag")
        }
        if state == .insidePattern { pattern = builder } else { that = builder }
    }

    private func startInTemplate(_ name: String, _ attributes: [String: String]) throws(ParseError) {
        let info = Self.elements[name] ?? Self.aiml2Elements[name]!
        for required in info.required where attributes[required] == nil && !forwardCompatible {
            throw ParseError(message: "required \"\(required)\" attribute missing in <\(name)> element")
        }
        for attribute in attributes.keys where !info.required.contains(attribute) && !attribute.hasPrefix("xml:")
            && !info.optional.contains(attribute) && !forwardCompatible {
            throw ParseError(message: "unexpected \"\(attribute)\" attribute in <\(name)> element")
        }
        if ["star", "thatstar", "topicstar"].contains(name), let index = attributes["index"] {
            guard let value = Int(index.pythonStripped), value >= 1 else {
                throw ParseError(
                    message: "bad \"index\" attribute \"\(index)\" in <\(name)> (expected an integer from 1)")
            }
        }
        let parent = stack[stack.count - 1]
        let parentInfo = Self.elements[parent.name] ?? Self.aiml2Elements[parent.name]!
        let listParent = parent.name == "random" || isListCondition(parent)
        if !parentInfo.parent {
            throw ParseError(message: "<\(parent.name)> elements cannot have any contents")
        } else if listParent && name != "li" {
            throw ParseError(message: "<\(parent.name)> elements can only contain <li> subelements")
        } else if name == "li" {
            guard listParent else {
                throw ParseError(message: "unexpected <li> element contained by <\(parent.name)> element")
            }
            if parent.name == "condition" {
                try checkItem(attributes, of: parent)
            }
        }
        stack.append(AIMLNode(name: name, attributes: attributes, line: line,
                              preserve: try preserves(attributes, inherited: parent.preserve)))
        if name == "condition" { defaultItemFound.append(false) }
    }

    /// Whether the element is a `<condition>` of `<li>` items (one without both `name` and `value`).
    private func isListCondition(_ node: AIMLNode) -> Bool {
        node.name == "condition" && !(node.attributes["name"] != nil && node.attributes["value"] != nil)
    }

    /// Checks the attributes of an `<li>` of a list condition, as python-aiml does.
    private func checkItem(_ attributes: [String: String], of condition: AIMLNode) throws(ParseError) {
        let kind: String
        let valid: Bool
        if condition.attributes["name"] != nil {
            kind = "single-predicate"
            valid = attributes.count == 1 && attributes["value"] != nil
        } else if condition.attributes.isEmpty {
            kind = "multi-predicate"
            valid = attributes.count == 2 && attributes["value"] != nil && attributes["name"] != nil
        } else {
            return
        }
        if attributes.isEmpty {
            guard defaultItemFound.last == false else {
                throw ParseError(message: "unexpected second default <li> element inside <condition>")
            }
            defaultItemFound[defaultItemFound.count - 1] = true
        } else if !valid {
            throw ParseError(message: "invalid <li> inside \(kind) <condition>")
        }
    }

    private func characters(_ text: String) {
        guard !failed, state != .outsideAIML, unknown == nil, !skippingCategory else { return }
        switch state {
        case .insidePattern:
            pattern.append(text: text)
        case .insideThat:
            that?.append(text: text)
        case .insideTemplate:
            let parent = stack[stack.count - 1]
            let parentInfo = Self.elements[parent.name] ?? Self.aiml2Elements[parent.name]!
            if !parentInfo.parent {
                reject("unexpected text inside <\(parent.name)> element")
            } else if parent.name == "random" || isListCondition(parent) {
                if text.unicodeScalars.contains(where: { !$0.isPythonSpace }) {
                    reject("unexpected text inside <\(parent.name)> element")
                }
            } else {
                stack[stack.count - 1].append(text: text)
            }
        default:
            return
        }
    }

    private func end(_ name: String) throws(ParseError) {
        switch name {
        case "aiml":
            guard state == .insideAIML else { throw ParseError(message: "unexpected </aiml> tag") }
            state = .outsideAIML
        case "topic":
            guard state == .insideAIML, insideTopic else { throw ParseError(message: "unexpected </topic> tag") }
            insideTopic = false
            topic = ""
        case "category":
            guard state == .afterTemplate else { throw ParseError(message: "unexpected </category> tag") }
            state = .insideAIML
            finishCategory()
        case "pattern":
            guard state == .insidePattern else { throw ParseError(message: "unexpected </pattern> tag") }
            state = .afterPattern
        case "that" where state == .insideThat:
            state = .afterThat
        case "template":
            guard state == .insideTemplate else { throw ParseError(message: "unexpected </template> tag") }
            state = .afterTemplate
        default:
            switch state {
            case .insidePattern, .insideThat:
                try endInPattern(name)
            case .insideTemplate:
                let node = stack.removeLast()
                stack[stack.count - 1].children.append(.element(node))
                if name == "condition" { defaultItemFound.removeLast() }
            default:
                throw ParseError(message: "unexpected </\(name)> tag")
            }
        }
    }

    private func endInPattern(_ name: String) throws(ParseError) {
        var builder = state == .insidePattern ? pattern : that ?? PatternBuilder()
        if name == "set", let setName = builder.setName {
            builder.setName = nil
            let words = setName.pythonWords
            guard words.count == 1 else { throw ParseError(message: "<set> in a pattern names no set") }
            builder.tokens.append(.set(words[0]))
        } else if name != "bot" {
            throw ParseError(message: "unexpected </\(name)> tag")
        }
        if state == .insidePattern { pattern = builder } else { that = builder }
    }

    /// Keeps the finished category, or notes why python-aiml could never match it.
    private func finishCategory() {
        pattern.flush(aiml2: aiml2)
        that?.flush(aiml2: aiml2)
        var topicTokens = insideTopic ? PatternToken.tokens(of: topic, aiml2: aiml2) : [.wildcard(.star)]
        if topicTokens.isEmpty {
            note(.approximated, "an empty topic name matches any topic here, like \"*\"", line: categoryLine)
            topicTokens = [.wildcard(.star)]
        }
        let key = AIMLCategory.Key(pattern: splitAtPunctuation(pattern.tokens),
                                   that: splitAtPunctuation(that?.tokens ?? [.wildcard(.star)]),
                                   topic: splitAtPunctuation(topicTokens))
        if let reason = unmatchable(key) {
            note(.unmatchable, "python-aiml can never match this category (\(reason)): it is skipped",
                 line: categoryLine)
            return
        }
        categories.append(AIMLCategory(file: fileIndex, line: categoryLine, index: categoryCount - 1, key: key,
                                       template: stack[0], aiml2: aiml2))
    }

    /// The tokens with each word split at its non-ASCII punctuation, as the mind splits input; noted.
    private func splitAtPunctuation(_ tokens: [PatternToken]) -> [PatternToken] {
        tokens.flatMap { token -> [PatternToken] in
            guard case .word(let word) = token, let parts = PatternToken.splitAtPunctuation(word) else {
                return [token]
            }
            let joined = parts.joined(separator: " ")
            note(.approximated, "the word \"\(word)\" is matched as \"\(joined)\": the mind splits input words "
                 + "at punctuation, which python-aiml keeps", line: categoryLine)
            return parts.map(PatternToken.word)
        }
    }

    /// Why the category can never match, or nil when it can.
    private func unmatchable(_ key: AIMLCategory.Key) -> String? {
        if key.pattern.isEmpty { return "the pattern is empty" }
        if key.that.isEmpty { return "the <that> is empty, and no input reaches a category filed so" }
        for (part, tokens) in [("pattern", key.pattern), ("that", key.that), ("topic", key.topic)] {
            for token in tokens {
                switch token {
                case .word(let word), .priorityWord(let word):
                    if let reason = PatternToken.unmatchable(word, substitutionKeys: context.substitutionKeys) {
                        return "in the \(part), " + reason
                    }
                case .botName where context.botNameWords.isEmpty:
                    return "in the \(part), the bot's name has no words"
                case .set(let name) where !context.sets.contains(name):
                    return "in the \(part), the set \"\(name)\" was not given"
                default:
                    continue
                }
            }
        }
        return nil
    }
}
