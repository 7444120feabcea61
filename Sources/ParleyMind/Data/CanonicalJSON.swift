import ParleyCore

/// Compact JSON as mind-language.md section 13.10 measures it: no white space, non-ASCII written
/// as itself, escaping only `"`, `\` and U+0000 to U+001F; object keys in a fixed or sorted order.
struct CanonicalJSON {
    /// Whether only the size is kept: no bytes are stored and `text` stays empty.
    private let countingOnly: Bool
    /// The UTF-8 bytes written so far (none when counting only).
    private var bytes: [UInt8] = []
    /// The size of everything written so far when counting only.
    private var counted = 0

    /// A writer that keeps the text, or with `countingOnly` just its size.
    init(countingOnly: Bool = false) {
        self.countingOnly = countingOnly
    }

    /// The JSON text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The size of the JSON text written so far in UTF-8 bytes.
    var byteCount: Int { countingOnly ? counted : bytes.count }

    mutating func raw(_ fragment: String) {
        if countingOnly {
            counted += fragment.utf8.count
        } else {
            bytes.append(contentsOf: fragment.utf8)
        }
    }

    mutating func string(_ value: String) {
        var value = value
        if countingOnly {
            counted += value.withUTF8 { utf8 in utf8.count + 2 + Self.escapeGrowth(of: utf8) }
            return
        }
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8 { utf8 in
            var run = 0
            for (offset, byte) in utf8.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<offset]))
                bytes.append(contentsOf: Self.escape(byte).utf8)
                run = offset + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `string(value)` for a value whose `escapeGrowth(of:)` is known (counting reads no byte).
    mutating func string(_ value: String, escapeGrowth: Int) {
        if countingOnly {
            counted += value.utf8.count + 2 + escapeGrowth
        } else {
            string(value)
        }
    }

    /// How many bytes escaping adds to `value` in a JSON string.
    static func escapeGrowth(of value: String) -> Int {
        var value = value
        return value.withUTF8(escapeGrowth(of:))
    }

    static func escapeGrowth(of utf8: UnsafeBufferPointer<UInt8>) -> Int {
        ByteScan.escapeGrowth(utf8, escapeLength: escapeLength)
    }

    /// `string(parts.joined(separator: " "))`; counting only, without joining them.
    mutating func string(joining parts: some Sequence<String>) {
        guard countingOnly else {
            string(parts.joined(separator: " "))
            return
        }
        var count = 0
        for part in parts {
            string(part)
            count += 1
        }
        // Each part was counted with its own quotes: the joined text has one pair and a space
        // between parts instead.
        counted += count == 0 ? 2 : 1 - count
    }

    /// The elements of a list of strings, separated by commas.
    mutating func strings(_ values: [String]) {
        for (position, value) in values.enumerated() {
            if position > 0 { raw(",") }
            string(value)
        }
    }

    /// The length of `escape(byte)`.
    private static func escapeLength(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"), 0x08, 0x0C: 2
        default: 6
        }
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
        raw(Self.numberText(value))
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
            // The order of the keys does not change the size: only the text sorts them.
            let keys = countingOnly ? Array(members.keys) : members.keys.sorted(by: Self.codePointOrder)
            for (position, key) in keys.enumerated() {
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

    /// The size of `text(of: value)` in UTF-8 bytes, measured without building it.
    static func byteCount(of value: JSONValue) -> Int {
        var counter = CanonicalJSON(countingOnly: true)
        counter.value(value)
        return counter.byteCount
    }

    static func text(of value: JSONValue) -> String {
        var writer = CanonicalJSON()
        writer.value(value)
        return writer.text
    }
}
