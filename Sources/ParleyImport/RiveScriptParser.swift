import Foundation

/// Reads RiveScript files into a `RiveScriptSource` as rivescript-python 1.15's parser does (its
/// commands, `^` continuations, `%` lookahead, comments and file-scoped `! local concat`), and merges
/// each file into what the files before it defined, as its `_parse` does. A line its strict parser
/// rejects is skipped with a note.
struct RiveScriptParser {
    private(set) var source = RiveScriptSource()
    private(set) var notes: [ImportNote] = []

    /// The RiveScript version rivescript-python reads.
    private static let supportedVersion = 2.0

    mutating func parse(file: String, text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var topic = "random"
        var inComment = false
        var object: (name: String, language: String, line: Int)?
        var current: Int?
        var previous: String?
        var concat = ""

        func note(_ kind: ImportNote.Kind, _ line: Int, _ message: String) {
            notes.append(ImportNote(kind: kind, file: file, line: line, message: message))
        }

        for (index, raw) in lines.enumerated() {
            let number = index + 1
            if raw.pythonStripped.isEmpty { continue }
            if let open = object {
                if Self.endsObject(raw) {
                    if !open.name.isEmpty {
                        source.objects[open.name] = RiveScriptSource.Object(language: open.language, file: file, line: open.line)
                    }
                    object = nil
                }
                continue
            }
            var line = raw.pythonStripped.collapsingPythonSpace
            if line.hasPrefix("//") { continue }
            if line.hasPrefix("/*") {
                if !line.contains("*/") { inComment = true }
                continue
            } else if line.contains("*/") {
                inComment = false
                continue
            }
            if inComment { continue }
            guard line.unicodeScalars.count >= 2 else { continue }
            let command = line.unicodeScalars.first!
            line = String(String.UnicodeScalarView(line.unicodeScalars.dropFirst())).pythonStripped
            if let comment = line.range(of: " //") {
                line = String(line[..<comment.lowerBound]).pythonStripped
            }
            if let problem = RiveScriptSyntax.check(command, line) {
                note(.syntaxError, number, "\(problem) (near: \(command) \(line)); the line is skipped")
                continue
            }
            if command == "+" { previous = nil }

            // The lookahead for `^` continuations and a `%` previous.
            for ahead in lines[(index + 1)...] {
                let stripped = ahead.pythonStripped
                guard stripped.unicodeScalars.count >= 2 else { continue }
                let lookCommand = stripped.unicodeScalars.first!
                let text = String(String.UnicodeScalarView(stripped.unicodeScalars.dropFirst())).pythonStripped
                    .replacingOccurrences(of: "\\s", with: " ")
                guard !text.isEmpty else { continue }
                if lookCommand != "^" && lookCommand != "%" { break }
                if command == "+" {
                    if lookCommand == "%" {
                        previous = text
                        break
                    }
                    previous = nil
                }
                if command == "!" {
                    if lookCommand == "^" { line += "<crlf>" + text }
                    continue
                }
                if command != "^" && lookCommand != "%" {
                    if lookCommand == "^" { line += concat + text } else { break }
                }
            }

            switch command {
            case "!":
                if let problem = define(line, concat: &concat) { note(.syntaxError, number, problem) }
                if line.hasPrefix("sub ") {
                    let name = String(line.prefix { $0 != "=" }).pythonWords.dropFirst().joined(separator: " ")
                    source.substitutionPlaces[name] = (file, number)
                }
            case ">":
                let words = line.pythonWords
                var kind = words.first ?? ""
                var name = words.count > 1 ? words[1] : ""
                let fields = Array(words.dropFirst(2))
                if kind == "begin" {
                    kind = "topic"
                    name = RiveScriptSource.beginTopic
                }
                switch kind {
                case "topic":
                    current = nil
                    topic = name
                    if source.topics[name] == nil { source.topics[name] = [] }
                    var mode = ""
                    if fields.count >= 2 {
                        for field in fields {
                            if field == "includes" || field == "inherits" {
                                mode = field
                            } else if mode == "includes" {
                                source.includes[name, default: RiveScriptTable()][field] = true
                            } else if mode == "inherits" {
                                source.inherits[name, default: RiveScriptTable()][field] = true
                            }
                        }
                    }
                case "object":
                    current = nil
                    object = (name, fields.first?.lowercased() ?? "python", number)
                default:
                    note(.syntaxError, number, "unknown label type \"\(kind)\"")
                }
            case "<":
                if line == "begin" || line == "topic" { topic = "random" }
            case "+":
                if source.topics[topic] == nil { source.topics[topic] = [] }
                current = source.triggers.count
                source.topics[topic]!.append(source.triggers.count)
                source.triggers.append(RiveScriptTrigger(text: line, previous: previous, topic: topic, file: file,
                                                         line: number))
            case "-", "@", "*":
                guard let current else {
                    note(.syntaxError, number, "a '\(command)' line before any trigger is ignored")
                    continue
                }
                let text = line.pythonStripped
                switch command {
                case "-": source.triggers[current].replies.append(text)
                case "@": source.triggers[current].redirect = text
                default: source.triggers[current].conditions.append(text)
                }
            case "%", "^":
                break
            default:
                note(.syntaxError, number, "unrecognized command \"\(command)\"")
            }
        }
        if let open = object {
            note(.syntaxError, open.line, "the object \"\(open.name)\" is not closed; rivescript-python drops it")
        }
    }

    /// Whether a line ends an object macro (`< object`).
    private static func endsObject(_ line: String) -> Bool {
        let scalars = line.unicodeScalars.drop(while: \.isPythonSpace)
        guard scalars.first == "<" else { return false }
        return String(String.UnicodeScalarView(scalars.dropFirst().drop(while: \.isPythonSpace))).hasPrefix("object")
    }

    /// A `!` definition; the problem with it, if any.
    private mutating func define(_ line: String, concat: inout String) -> String? {
        let halves = Self.splitEquals(line)
        let left = halves.left.pythonStripped.pythonWords
        var value = halves.right?.pythonStripped ?? ""
        let type = left.first ?? ""
        let name = left.dropFirst().joined(separator: " ")
        if type != "array" { value = value.replacingOccurrences(of: "<crlf>", with: "") }
        if type == "version" {
            if let version = Double(value), version > Self.supportedVersion {
                return "RiveScript version \(value) is not supported; rivescript-python reads no further"
            }
            return nil
        }
        guard !name.isEmpty, !value.isEmpty else { return "a definition needs a name and a value" }
        let undefine = value == "<undef>"
        switch type {
        case "local":
            if name == "concat" { concat = ["space": " ", "newline": "\n"][value] ?? "" }
        case "global": source.globals[name] = undefine ? nil : value
        case "var": source.vars[name] = undefine ? nil : value
        case "sub": source.subs[name] = undefine ? nil : value
        case "person": source.persons[name] = undefine ? nil : value
        case "array":
            if undefine {
                source.arrays[name] = nil
                return nil
            }
            var fields: [String] = []
            for part in value.components(separatedBy: "<crlf>") {
                if part.contains("|") {
                    fields += part.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                } else {
                    fields += part.pythonWords
                }
            }
            source.arrays[name] = fields
        default:
            return "unknown definition type \"\(type)\""
        }
        return nil
    }

    /// `re.split(r'\s*=\s*', line, 1)`: the text before the first `=` and, if there is one, after it.
    private static func splitEquals(_ line: String) -> (left: String, right: String?) {
        guard let equals = line.firstIndex(of: "=") else { return (line, nil) }
        return (String(line[..<equals]), String(line[line.index(after: equals)...]))
    }
}
