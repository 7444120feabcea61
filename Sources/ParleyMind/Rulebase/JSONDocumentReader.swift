/// Reads a JSON text into a `DocumentNode`, keeping key order and numbers as written.
struct JSONDocumentReader {
    /// A syntax error at a line and column (both counting from 1, columns in Unicode scalars).
    struct SyntaxError: Error {
        let line: Int
        let column: Int
        let message: String

        var description: String { "line \(line), column \(column): \(message)" }
    }

    /// The text's UTF-8 bytes: JSON's syntax is ASCII, so only strings hold other bytes, and
    /// they are copied as they are (the text is valid UTF-8).
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    private static let maximumDepth = 512

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// Parses one JSON value filling the whole text (white space around it allowed).
    static func read(_ text: String) throws(SyntaxError) -> DocumentNode {
        var reader = JSONDocumentReader(text)
        reader.skipWhiteSpace()
        let node = try reader.value()
        reader.skipWhiteSpace()
        guard reader.index == reader.bytes.count else {
            throw reader.error("unexpected text after the document")
        }
        return node
    }

    /// An error at the byte `position` (default: the current one); the column counts scalars.
    private func error(_ message: String, at position: Int? = nil) -> SyntaxError {
        let end = min(position ?? index, bytes.count)
        var line = 1
        var column = 1
        for byte in bytes[0..<end] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SyntaxError(line: line, column: column, message: message)
    }

    /// The current byte as a scalar when it is ASCII, the replacement scalar when it starts (or
    /// continues) a longer one, nil at the end: syntax checks only compare it with ASCII.
    private var current: Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        return bytes[index] < 0x80 ? Unicode.Scalar(bytes[index]) : "\u{FFFD}"
    }

    /// The whole scalar starting at the byte `position`, for messages.
    private func scalar(at position: Int) -> Unicode.Scalar {
        String(decoding: bytes[position..<min(position + 4, bytes.count)], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
    }

    private mutating func skipWhiteSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }

    private mutating func value() throws(SyntaxError) -> DocumentNode {
        guard let scalar = current else { throw error("unexpected end of the document") }
        switch scalar {
        case "{": return try object()
        case "[": return try array()
        case "\"": return .string(try string())
        case "t": try keyword("true"); return .bool(true)
        case "f": try keyword("false"); return .bool(false)
        case "n": try keyword("null"); return .null
        case "-", "0"..."9": return .number(try number())
        default: throw error("unexpected character '\(self.scalar(at: index))'")
        }
    }

    private mutating func keyword(_ word: String) throws(SyntaxError) {
        for expected in word.unicodeScalars {
            guard current == expected else { throw error("invalid literal, expected '\(word)'") }
            index += 1
        }
    }

    private mutating func nested() throws(SyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth)") }
    }

    private mutating func object() throws(SyntaxError) -> DocumentNode {
        try nested()
        defer { depth -= 1 }
        index += 1
        var members: [DocumentMember] = []
        var seen: Set<String> = []
        skipWhiteSpace()
        if current == "}" {
            index += 1
            return .object(members)
        }
        while true {
            skipWhiteSpace()
            let keyStart = index
            guard current == "\"" else { throw error("expected a quoted key") }
            let key = try string()
            // Small objects (rules) look for a duplicate among their few keys without hashing.
            let duplicate = members.count < 16 ? members.contains { $0.key == key } : !seen.insert(key).inserted
            guard !duplicate else { throw error("duplicate key \"\(key)\"", at: keyStart) }
            if members.count == 15 { seen = Set(members.map(\.key) + [key]) }
            skipWhiteSpace()
            guard current == ":" else { throw error("expected ':' after a key") }
            index += 1
            skipWhiteSpace()
            members.append(DocumentMember(key: key, value: try value()))
            skipWhiteSpace()
            if current == "," {
                index += 1
            } else if current == "}" {
                index += 1
                return .object(members)
            } else {
                throw error("expected ',' or '}'")
            }
        }
    }

    private mutating func array() throws(SyntaxError) -> DocumentNode {
        try nested()
        defer { depth -= 1 }
        index += 1
        var elements: [DocumentNode] = []
        skipWhiteSpace()
        if current == "]" {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhiteSpace()
            elements.append(try value())
            skipWhiteSpace()
            if current == "," {
                index += 1
            } else if current == "]" {
                index += 1
                return .array(elements)
            } else {
                throw error("expected ',' or ']'")
            }
        }
    }

    private mutating func number() throws(SyntaxError) -> String {
        let start = index
        if current == "-" { index += 1 }
        guard let first = current, ("0"..."9").contains(first) else { throw error("invalid number") }
        if first == "0" {
            index += 1
        } else {
            skipDigits()
        }
        if current == "." {
            index += 1
            guard let digit = current, ("0"..."9").contains(digit) else { throw error("invalid number") }
            skipDigits()
        }
        if current == "e" || current == "E" {
            index += 1
            if current == "+" || current == "-" { index += 1 }
            guard let digit = current, ("0"..."9").contains(digit) else { throw error("invalid number") }
            skipDigits()
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skipDigits() {
        while let scalar = current, ("0"..."9").contains(scalar) { index += 1 }
    }

    private mutating func string() throws(SyntaxError) -> String {
        index += 1
        // Most strings have no escape: one slice of the text.
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 {
            end += 1
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            defer { index = end + 1 }
            return String(decoding: bytes[index..<end], as: UTF8.self)
        }
        var text = ScalarText()
        var run = index
        while true {
            guard index < bytes.count else { throw error("unterminated string") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                text.append(utf8: bytes[run..<(index - 1)])
                return text.string
            case UInt8(ascii: "\\"):
                text.append(utf8: bytes[run..<(index - 1)])
                text.append(try escape())
                run = index
            case 0..<0x20:
                throw error("control character in a string", at: index - 1)
            default:
                break
            }
        }
    }

    private mutating func escape() throws(SyntaxError) -> Unicode.Scalar {
        guard index < bytes.count else { throw error("unterminated string") }
        let scalar = self.scalar(at: index)
        index += 1
        switch scalar {
        case "\"": return "\""
        case "\\": return "\\"
        case "/": return "/"
        case "b": return "\u{8}"
        case "f": return "\u{C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "u":
            let unit = try hexUnit()
            if (0xD800...0xDBFF).contains(unit) {
                guard current == "\\", index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("unpaired surrogate in \\u escape")
                }
                index += 2
                let low = try hexUnit()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate in \\u escape") }
                let value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                guard let combined = Unicode.Scalar(value) else { throw error("invalid \\u escape") }
                return combined
            }
            guard let single = Unicode.Scalar(unit) else { throw error("unpaired surrogate in \\u escape") }
            return single
        default:
            throw error("invalid escape '\\\(scalar)'", at: index - 2)
        }
    }

    private mutating func hexUnit() throws(SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let scalar = current, scalar.isASCII, let digit = UInt32(String(scalar), radix: 16) else {
                throw error("invalid \\u escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }
}
