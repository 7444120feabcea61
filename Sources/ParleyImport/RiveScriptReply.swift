import Foundation

/// A reply (or a condition's operand, or a redirect) read into its tags, after the text rewriting
/// that rivescript-python's `process_tags` does before it looks at tags: `(@array)` into a
/// `{random}`, the shortcuts (`<person>`, `<@>`, `<formal>`...), `{weight}` removed, the escapes
/// `\s` `\n` `\#`, and the formatting of text inside `{formal}`, `{sentence}`, `{uppercase}` and
/// `{lowercase}`, which it applies to tag text as well (`{uppercase}<get name>{/uppercase}` reads the
/// variable `NAME`).
struct RiveScriptReply: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        /// `<star>` is `star(1)`.
        case star(Int)
        case botstar(Int)
        /// `<input>` is `input(1)`, the message before this one.
        case input(Int)
        case reply(Int)
        case id
        case random([[Node]])
        case format(Format, [Node])
        /// `<set ...>`, `<get ...>`, `<bot ...>`, `<env ...>`, `<add ...>`, `<sub ...>`, `<mult ...>`, `<div ...>`.
        case tag(String, [Node])
        case topic([Node])
        case redirect([Node])
        case call([Node])
        case ok
    }

    enum Format: String, Sendable, CaseIterable {
        case person, formal, sentence, uppercase, lowercase
    }

    let nodes: [Node]

    init(_ text: String, arrays: RiveScriptTable<[String]>) {
        var text = Self.expandingArrays(text, arrays)
        for (shortcut, full) in [("<person>", "{person}<star>{/person}"), ("<@>", "{@<star>}"),
                                 ("<formal>", "{formal}<star>{/formal}"), ("<sentence>", "{sentence}<star>{/sentence}"),
                                 ("<uppercase>", "{uppercase}<star>{/uppercase}"),
                                 ("<lowercase>", "{lowercase}<star>{/lowercase}")] where text.contains(shortcut) {
            text = text.replacingOccurrences(of: shortcut, with: full)
        }
        if text.contains("{weight=") { text = RiveScriptWeight.removing(from: text) }
        if text.contains("\\") {
            text = text.replacingOccurrences(of: "\\s", with: " ").replacingOccurrences(of: "\\n", with: "\n")
                .replacingOccurrences(of: "\\#", with: "#")
        }
        for format in [Format.formal, .sentence, .uppercase, .lowercase] where text.contains("{\(format.rawValue)}") {
            text = Self.formattingText(text, format)
        }
        var reader = Reader(text)
        nodes = reader.nodes(upTo: nil)
    }

    /// `(@name)` of a defined array becomes `{random}` of its entries as written.
    private static func expandingArrays(_ text: String, _ arrays: RiveScriptTable<[String]>) -> String {
        guard text.contains("(@") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "(@") {
            let nameEnd = rest[open.upperBound...].firstIndex { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) }
                ?? rest.endIndex
            let name = String(rest[open.upperBound..<nameEnd])
            result += rest[..<open.lowerBound]
            if nameEnd < rest.endIndex, rest[nameEnd] == ")", let entries = arrays[name] {
                result += "{random}" + entries.joined(separator: "|") + "{/random}"
                rest = rest[rest.index(after: nameEnd)...]
            } else {
                result += "(@"
                rest = rest[open.upperBound...]
            }
        }
        return result + rest
    }

    /// The tags whose values rivescript-python puts in before it formats text.
    private static let runtimeTags = ["<star", "<botstar", "<input", "<reply", "<id>"]

    /// Each `{FORMAT}...{/FORMAT}` with its text formatted now and only its values left to format.
    private static func formattingText(_ text: String, _ format: Format) -> String {
        let open = "{\(format.rawValue)}", close = "{/\(format.rawValue)}"
        guard text.contains(open) else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: open), let end = rest[start.upperBound...].range(of: close) {
            result += rest[..<start.lowerBound]
            result += formatted(String(rest[start.upperBound..<end.lowerBound]), format)
            rest = rest[end.upperBound...]
        }
        return result + rest
    }

    /// The inside of one formatting block: text formatted, values (and blocks, which
    /// rivescript-python has formatted or chosen by then) wrapped in the format.
    private static func formatted(_ content: String, _ format: Format) -> String {
        var segments: [(text: String, isValue: Bool)] = []
        var rest = Substring(content)
        while !rest.isEmpty {
            if let block = (["{random}"] + Format.allCases.map { "{\($0.rawValue)}" }).first(where: { rest.hasPrefix($0) }),
                let end = rest.range(of: "{/" + block.dropFirst())
            {
                segments.append((String(rest[..<end.upperBound]), true))
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<"), runtimeTags.contains(where: { rest.hasPrefix($0) }),
                let end = rest.firstIndex(of: ">")
            {
                segments.append((String(rest[...end]), true))
                rest = rest[rest.index(after: end)...]
            } else {
                let next = rest.dropFirst().firstIndex { $0 == "<" || $0 == "{" } ?? rest.endIndex
                if let last = segments.last, !last.isValue {
                    segments[segments.count - 1].text += rest[..<next]
                } else {
                    segments.append((String(rest[..<next]), false))
                }
                rest = rest[next...]
            }
        }
        var output = ""
        var atWordStart = true
        for (position, segment) in segments.enumerated() {
            if segment.isValue {
                let wrapper = format == .sentence && position > 0 ? Format.lowercase : format
                output += "{\(wrapper.rawValue)}\(segment.text){/\(wrapper.rawValue)}"
                atWordStart = false
                continue
            }
            for character in segment.text {
                let text = String(character)
                switch format {
                case .uppercase: output += text.uppercased()
                case .lowercase: output += text.lowercased()
                case .sentence: output += output.isEmpty && position == 0 ? text.uppercased() : text.lowercased()
                case .formal: output += atWordStart ? text.uppercased() : text.lowercased()
                case .person: output += text
                }
                atWordStart = character.isWhitespace
            }
        }
        return output
    }

    /// Reads text into nodes.
    private struct Reader {
        let text: [Character]
        var index = 0

        init(_ text: String) {
            self.text = Array(text)
        }

        private func has(_ prefix: String, at position: Int) -> Bool {
            var at = position
            for character in prefix {
                guard at < text.count, text[at] == character else { return false }
                at += 1
            }
            return true
        }

        /// The position of `marker` at or after `position`.
        private func find(_ marker: String, from position: Int) -> Int? {
            var at = position
            while at < text.count {
                if has(marker, at: at) { return at }
                at += 1
            }
            return nil
        }

        /// The position of the `>` that closes the tag opened at `position`, tags inside it nesting.
        private func tagEnd(from position: Int) -> Int? {
            var depth = 0
            var at = position
            while at < text.count {
                if text[at] == "<" { depth += 1 }
                if text[at] == ">" {
                    depth -= 1
                    if depth == 0 { return at }
                }
                at += 1
            }
            return nil
        }

        private func string(_ start: Int, _ end: Int) -> String {
            String(text[start..<end])
        }

        private static func subreader(_ text: String) -> [Node] {
            var reader = Reader(text)
            return reader.nodes(upTo: nil)
        }

        mutating func nodes(upTo end: Int?) -> [Node] {
            var nodes: [Node] = []
            var literal = ""
            func add(_ node: Node) {
                if !literal.isEmpty { nodes.append(.text(literal)) }
                literal = ""
                nodes.append(node)
            }
            let stop = end ?? text.count
            while index < stop {
                if let (node, next) = special(at: index) {
                    add(node)
                    index = next
                } else {
                    literal.append(text[index])
                    index += 1
                }
            }
            if !literal.isEmpty { nodes.append(.text(literal)) }
            return nodes
        }

        /// The node that starts at `position`, and where it ends.
        private func special(at position: Int) -> (Node, Int)? {
            if text[position] == "{" {
                if has("{random}", at: position), let close = find("{/random}", from: position + 8) {
                    let inside = string(position + 8, close)
                    let pieces = inside.contains("|") ? inside.components(separatedBy: "|") : inside.components(separatedBy: " ")
                    return (.random(pieces.map(Self.subreader)), close + 9)
                }
                for format in Format.allCases {
                    let open = "{\(format.rawValue)}"
                    if has(open, at: position), let close = find("{/\(format.rawValue)}", from: position + open.count) {
                        let inside = string(position + open.count, close)
                        return (.format(format, Self.subreader(inside)), close + open.count + 1)
                    }
                }
                if has("{topic=", at: position), let close = find("}", from: position + 7), close > position + 7 {
                    return (.topic(Self.subreader(string(position + 7, close))), close + 1)
                }
                if has("{@", at: position), let close = find("}", from: position + 2), close > position + 2 {
                    return (.redirect(Self.subreader(string(position + 2, close).pythonStripped)), close + 1)
                }
                if has("{ok}", at: position) { return (.ok, position + 4) }
                return nil
            }
            guard text[position] == "<" else { return nil }
            if has("<call>", at: position), let close = find("</call>", from: position + 6) {
                return (.call(Self.subreader(string(position + 6, close))), close + 7)
            }
            guard let close = find(">", from: position + 1) else { return nil }
            let inside = string(position + 1, close)
            if inside == "id" { return (.id, close + 1) }
            for (name, make) in [("botstar", Node.botstar), ("star", Node.star), ("input", Node.input),
                                 ("reply", Node.reply)] where inside.hasPrefix(name) {
                let digits = inside.dropFirst(name.count)
                if digits.isEmpty { return (make(1), close + 1) }
                if let number = Int(digits), digits.allSatisfy(\.isNumber) { return (make(number), close + 1) }
            }
            let word = inside.prefix { $0 != " " }.lowercased()
            guard ["set", "get", "bot", "env", "add", "sub", "mult", "div"].contains(word),
                let end = tagEnd(from: position)
            else { return nil }
            let data = string(position + 1, end).dropFirst(word.count + 1)
            return (.tag(word, Self.subreader(String(data))), end + 1)
        }
    }
}
