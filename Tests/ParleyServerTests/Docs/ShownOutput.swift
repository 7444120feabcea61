import ParleyCore

/// Output as a page of the manual shows it, compared with what a command really printed:
/// line by line with `…` for any text (a line of only `…` for any lines), or, when it is JSON, as
/// JSON with the string `"…"` for any value (and a member `"…": "…"` for any further members).
struct ShownOutput {
    static let gap = "…"
    let lines: [String]

    init(_ text: String) {
        lines = Self.trimmed(text)
    }

    /// Whether `actual` is what is shown.
    func matches(_ actual: String) -> Bool {
        let printed = Self.trimmed(actual)
        let shown = lines.joined(separator: "\n")
        if let expected = Self.json(shown), let got = Self.json(printed.joined(separator: "\n")) {
            return Self.matches(got, expected)
        }
        return Self.matches(printed[...], lines[...])
    }

    /// Lines without trailing spaces, and without blank lines at either end.
    private static func trimmed(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop(while: { $0 == " " || $0 == "\r" }).reversed())
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        return lines
    }

    /// JSON text of an object or array, parsed.
    private static func json(_ text: String) -> JSONValue? {
        guard text.hasPrefix("{") || text.hasPrefix("[") else { return nil }
        return try? JSONValue.parse(text)
    }

    private static func matches(_ actual: ArraySlice<String>, _ shown: ArraySlice<String>) -> Bool {
        guard let first = shown.first else { return actual.isEmpty }
        if first == gap {
            return (actual.startIndex...actual.endIndex).contains { matches(actual[$0...], shown.dropFirst()) }
        }
        guard let line = actual.first, matches(line: line, first) else { return false }
        return matches(actual.dropFirst(), shown.dropFirst())
    }

    /// Whether `line` is `shown`, in which each `…` stands for any text.
    static func matches(line: String, _ shown: String) -> Bool {
        let pieces = shown.components(separatedBy: gap)
        guard pieces.count > 1 else { return line == shown }
        guard line.hasPrefix(pieces[0]) else { return false }
        var rest = line.dropFirst(pieces[0].count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = rest.range(of: piece) else { return false }
            rest = rest[found.upperBound...]
        }
        return rest.hasSuffix(pieces.last!)
    }

    static func matches(_ actual: JSONValue, _ shown: JSONValue) -> Bool {
        switch (actual, shown) {
        case (_, .string(gap)):
            return true
        case (.string(let got), .string(let expected)):
            return matches(line: got, expected)
        case (.array(let got), .array(let expected)):
            return got.count == expected.count && zip(got, expected).allSatisfy { matches($0, $1) }
        case (.object(let got), .object(let expected)):
            let open = expected[gap] != nil
            let keys = expected.keys.filter { $0 != gap }
            guard open ? Set(keys).isSubset(of: got.keys) : Set(keys) == Set(got.keys) else { return false }
            return keys.allSatisfy { matches(got[$0]!, expected[$0]!) }
        default:
            return actual == shown
        }
    }
}
