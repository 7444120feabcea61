/// Reads the tokens of a JSON text (RFC 8259) on its UTF-8 bytes: the one place that knows
/// JSON's strings, numbers, literals, punctuation and nesting limit. Readers that build a tree
/// (`JSONValue.parse`, the Mind's rulebase reader) walk the text with it.
public struct JSONScanner {
    /// The kind of value that starts at the current position.
    public enum ValueStart: Sendable, Equatable {
        /// `{` was read: read members with `firstMember(closing:)`, `key()` and `nextMember(closing:)`.
        case object
        /// `[` was read: read elements with `firstMember(closing:)` and `nextMember(closing:)`.
        case array
        /// A string starts here: read it with `string()`.
        case string
        /// A number starts here: read it with `numberText()` or `number()`.
        case number
        /// `true` or `false` was read.
        case bool(Bool)
        /// `null` was read.
        case null
    }

    /// How deeply arrays and objects may nest.
    public static let maximumDepth = 512

    /// The text's UTF-8 bytes. JSON's syntax is ASCII, so only strings hold other bytes, and they
    /// are copied as they are (the text is valid UTF-8).
    private let bytes: [UInt8]
    /// The offset of the current byte.
    public private(set) var position = 0
    private var depth = 0

    public init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// Whether only white space is left.
    public mutating func isAtEnd() -> Bool {
        skipWhiteSpace()
        return position == bytes.count
    }

    /// An error at the byte `offset` (default: the current one).
    public func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let end = min(offset ?? position, bytes.count)
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
        return JSONSyntaxError(line: line, column: column, message: message)
    }

    /// Skips white space, then reads the start of a value: a literal whole, the bracket of an
    /// object or array (which nests one level deeper), or nothing of a string or number.
    public mutating func valueStart() throws(JSONSyntaxError) -> ValueStart {
        skipWhiteSpace()
        guard position < bytes.count else { throw error("unexpected end of the text") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            try nest()
            return .object
        case UInt8(ascii: "["):
            try nest()
            return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            throw error("unexpected character '\(scalar(at: position))'")
        }
    }

    /// After `{` or `[`: true when the object or array has a first member; false when it is
    /// empty (its closing bracket is read).
    public mutating func firstMember(closing: UInt8) -> Bool {
        skipWhiteSpace()
        guard position < bytes.count, bytes[position] == closing else { return true }
        position += 1
        depth -= 1
        return false
    }

    /// After a member: true when a comma follows (another member comes), false when the closing
    /// bracket does (it is read).
    public mutating func nextMember(closing: UInt8) throws(JSONSyntaxError) -> Bool {
        skipWhiteSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
            position += 1
            return true
        }
        guard position < bytes.count, bytes[position] == closing else {
            throw error("expected ',' or '\(Unicode.Scalar(closing))'")
        }
        position += 1
        depth -= 1
        return false
    }

    /// An object member's key and the `:` after it; `start` is the key's offset, for errors.
    public mutating func key() throws(JSONSyntaxError) -> (key: String, start: Int) {
        skipWhiteSpace()
        let start = position
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
        let key = try string()
        skipWhiteSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
        position += 1
        return (key, start)
    }

    /// The string starting at the current `"`, escapes resolved.
    public mutating func string() throws(JSONSyntaxError) -> String {
        position += 1
        // Most strings have no escape: one slice of the text.
        let start = position
        let plainEnd = bytes.withUnsafeBufferPointer { buffer in
            var end = start
            while end < buffer.count {
                let byte = buffer[end]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                end += 1
            }
            return end
        }
        if plainEnd < bytes.count, bytes[plainEnd] == UInt8(ascii: "\"") {
            position = plainEnd + 1
            return String(decoding: bytes[start..<plainEnd], as: UTF8.self)
        }
        var text: [UInt8] = []
        text.reserveCapacity(plainEnd - start + 16)
        var run = start
        while true {
            guard position < bytes.count else { throw error("unterminated string") }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                text.append(contentsOf: bytes[run..<(position - 1)])
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                text.append(contentsOf: bytes[run..<(position - 1)])
                Self.append(try escape(), to: &text)
                run = position
            case 0..<0x20:
                throw error("control character in a string", at: position - 1)
            default:
                break
            }
        }
    }

    /// The number starting at the current position, as written.
    public mutating func numberText() throws(JSONSyntaxError) -> String {
        let start = try skipNumber()
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// The number starting at the current position.
    public mutating func number() throws(JSONSyntaxError) -> Double {
        let start = position
        var negative = false
        if bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        // Whole numbers of up to 15 digits are exact in a Double: add them up directly.
        var whole: Int64 = 0
        var digits = 0
        while position < bytes.count, digits < 16, case let digit = bytes[position] &- UInt8(ascii: "0"), digit < 10 {
            whole = whole &* 10 &+ Int64(digit)
            digits += 1
            position += 1
        }
        let simple = digits > 0 && digits < 16 && (digits == 1 || bytes[start + (negative ? 1 : 0)] != UInt8(ascii: "0"))
        if simple, position == bytes.count || !Self.continuesNumber(bytes[position]) {
            return negative ? -Double(whole) : Double(whole)
        }
        position = start
        _ = try skipNumber()
        // Every text the grammar accepts reads as a Double (huge exponents give infinity).
        return Double(String(decoding: bytes[start..<position], as: UTF8.self)) ?? .nan
    }

    private static func continuesNumber(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Moves past a number, checking its grammar; returns where it started.
    private mutating func skipNumber() throws(JSONSyntaxError) -> Int {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, Self.isDigit(first) else { throw error("invalid number") }
        if first == UInt8(ascii: "0") {
            position += 1
        } else {
            skipDigits()
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard let digit = current, Self.isDigit(digit) else { throw error("invalid number") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let digit = current, Self.isDigit(digit) else { throw error("invalid number") }
            skipDigits()
        }
        return start
    }

    private var current: UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    private mutating func skipDigits() {
        while let byte = current, Self.isDigit(byte) { position += 1 }
    }

    private mutating func skipWhiteSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): position += 1
            default: return
            }
        }
    }

    private mutating func nest() throws(JSONSyntaxError) {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth)") }
        depth += 1
        position += 1
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count,
            (0..<count).allSatisfy({ bytes[position + $0] == word.utf8Start[$0] })
        else { throw error("invalid literal, expected '\(word)'") }
        position += count
    }

    /// The whole scalar starting at the byte `offset`, for messages.
    private func scalar(at offset: Int) -> Unicode.Scalar {
        String(decoding: bytes[offset..<min(offset + 4, bytes.count)], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
    }

    private mutating func escape() throws(JSONSyntaxError) -> Unicode.Scalar {
        guard position < bytes.count else { throw error("unterminated string") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{8}"
        case UInt8(ascii: "f"): return "\u{C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hexUnit()
            if (0xD800...0xDBFF).contains(unit) {
                guard current == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
                    throw error("unpaired surrogate in \\u escape")
                }
                position += 2
                let low = try hexUnit()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate in \\u escape") }
                let value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                guard let combined = Unicode.Scalar(value) else { throw error("invalid \\u escape") }
                return combined
            }
            guard let single = Unicode.Scalar(unit) else { throw error("unpaired surrogate in \\u escape") }
            return single
        default:
            throw error("invalid escape '\\\(scalar(at: position - 1))'", at: position - 2)
        }
    }

    private mutating func hexUnit() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = current?.hexDigitValue else { throw error("invalid \\u escape") }
            value = value * 16 + UInt32(digit)
            position += 1
        }
        return value
    }

    private static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        UTF8.encode(scalar) { bytes.append($0) }
    }
}
