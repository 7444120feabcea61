import ParleyCore

/// Compact JSON as mind-language.md section 13.10 measures it: no white space, non-ASCII written
/// as itself, escaping only `"`, `\` and U+0000 to U+001F; object keys in a fixed or sorted order.
struct CanonicalJSON {
    private(set) var text = ""

    mutating func raw(_ fragment: String) {
        text += fragment
    }

    mutating func string(_ value: String) {
        text += "\""
        let bytes = value.utf8
        var run = bytes.startIndex
        var index = run
        while index != bytes.endIndex {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                bytes.formIndex(after: &index)
                continue
            }
            text += value[run..<index]
            text += Self.escape(byte)
            bytes.formIndex(after: &index)
            run = index
        }
        text += value[run..<index]
        text += "\""
    }

    /// The escape of `"`, `\` or a control character (U+0000 to U+001F).
    private static func escape(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case UInt8(ascii: "\n"): return "\\n"
        case UInt8(ascii: "\r"): return "\\r"
        case UInt8(ascii: "\t"): return "\\t"
        case 0x08: return "\\b"
        case 0x0C: return "\\f"
        default:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }

    /// Integral values as integers, others in the shortest form that reads back the same.
    mutating func number(_ value: Double) {
        text += Self.numberText(value)
    }

    static func numberText(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.isFinite ? "\(value)" : "null"
    }

    /// Any JSON value, object keys sorted by code point.
    mutating func value(_ value: JSONValue) {
        switch value {
        case .null: raw("null")
        case .bool(let flag): raw(flag ? "true" : "false")
        case .number(let number): self.number(number)
        case .string(let string): self.string(string)
        case .array(let elements):
            raw("[")
            for (position, element) in elements.enumerated() {
                if position > 0 { raw(",") }
                self.value(element)
            }
            raw("]")
        case .object(let members):
            raw("{")
            for (position, key) in members.keys.sorted(by: Self.codePointOrder).enumerated() {
                if position > 0 { raw(",") }
                string(key)
                raw(":")
                self.value(members[key] ?? .null)
            }
            raw("}")
        }
    }

    static func codePointOrder(_ left: String, _ right: String) -> Bool {
        left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars)
    }

    static func text(of value: JSONValue) -> String {
        var writer = CanonicalJSON()
        writer.value(value)
        return writer.text
    }
}
