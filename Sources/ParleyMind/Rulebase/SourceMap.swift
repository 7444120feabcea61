import Yams

/// Where each document path (`models[0].rules[3].input`) is written in a rulebase's text, to give
/// findings a line and column: read with the YAML parser, or for JSON by a scan of its bytes.
struct SourceMap {
    /// A line and a column (Unicode scalars), both from 1.
    struct Position {
        let line: Int
        let column: Int
    }

    /// Where one path is written: its key (or list item) and its value.
    struct Place {
        let key: Position?
        let value: Position?
        /// Set for a scalar on one line: how many characters precede its text (a quote).
        let textOffset: Int?
    }

    var places: [String: Place] = [:]

    /// The places of a YAML `text`; nil when it does not parse.
    init?(yaml text: String) {
        guard let root = try? Yams.compose(yaml: text, .basic) else { return nil }
        record(root, path: "", key: nil)
    }

    /// The line and column of `path`, or of its nearest enclosing path that is written.
    func location(of path: String, message: String) -> (line: Int, column: Int)? {
        guard !path.isEmpty else { return nil }  // the whole document: no one place
        var current = Substring(path)
        while true {
            if let place = places[String(current)] {
                if let value = place.value, let offset = place.textOffset, let inner = Self.innerColumn(message) {
                    return (value.line, value.column + offset + inner - 1)
                }
                guard let mark = place.textOffset != nil ? place.value ?? place.key : place.key ?? place.value else {
                    return nil
                }
                return (mark.line, mark.column)
            }
            // A field missing from the top of the document points at its first line.
            guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }), cut != current.startIndex else { return (1, 1) }
            current = current[..<cut]
        }
    }

    /// `diagnostics` with the line and column of each path filled in.
    static func locate(_ diagnostics: [Diagnostic], in text: String) -> [Diagnostic] {
        guard !diagnostics.isEmpty else { return diagnostics }
        let map: SourceMap?
        if RulebaseFormat(text: text) == .json {
            map = SourceMap(json: text, paths: diagnostics.map(\.path))
        } else {
            map = SourceMap(yaml: text)
        }
        guard let map else { return diagnostics }
        return diagnostics.map { diagnostic in
            var located = diagnostic
            if located.line == nil, let (line, column) = map.location(of: diagnostic.path, message: diagnostic.message) {
                located.line = line
                located.column = column
            }
            return located
        }
    }

    /// N of a message ending in `at column N` (a pattern error's column inside the pattern).
    private static func innerColumn(_ message: String) -> Int? {
        guard let range = message.range(of: " at column ", options: .backwards) else { return nil }
        return Int(message[range.upperBound...])
    }

    private mutating func record(_ node: Node, path: String, key: Mark?) {
        func position(_ mark: Mark?) -> Position? { mark.map { Position(line: $0.line, column: $0.column) } }
        var textOffset: Int?
        if case .scalar(let scalar) = node, !scalar.string.contains("\n") {
            switch scalar.style {
            case .plain, .any: textOffset = 0
            case .singleQuoted, .doubleQuoted: textOffset = 1
            default: textOffset = nil
            }
        }
        places[path] = Place(key: position(key), value: position(node.mark), textOffset: textOffset)
        switch node {
        case .mapping(let mapping):
            for (keyNode, value) in mapping {
                guard case .scalar(let name) = keyNode else { continue }
                record(value, path: path.isEmpty ? name.string : path + "." + name.string, key: keyNode.mark)
            }
        case .sequence(let sequence):
            for (index, element) in sequence.enumerated() {
                record(element, path: path + "[\(index)]", key: element.mark)
            }
        case .scalar, .alias:
            break
        }
    }
}
