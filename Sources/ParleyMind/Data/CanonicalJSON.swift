import ParleyCore

/// Compact JSON as docs/minds-reference.md#limits measures it (`JSONWriter`'s text: no white
/// space, non-ASCII written as itself, escaping only `"`, `\` and U+0000 to U+001F; object keys
/// in a fixed or sorted order), written, or only counted.
struct CanonicalJSON {
    /// Whether only the size is kept: no bytes are stored and `text` stays empty.
    private let countingOnly: Bool
    var isCountingOnly: Bool { countingOnly }
    /// The text written so far (nothing when counting only).
    private var writer = JSONWriter()
    /// The size of everything written so far when counting only.
    private var counted = 0

    /// A writer that keeps the text, or with `countingOnly` just its size.
    init(countingOnly: Bool = false) {
        self.countingOnly = countingOnly
    }

    /// The JSON text written so far.
    var text: String { writer.text }

    /// The size of the JSON text written so far in UTF-8 bytes.
    var byteCount: Int { countingOnly ? counted : writer.bytes.count }

    mutating func raw(_ fragment: String) {
        if countingOnly {
            counted += fragment.utf8.count
        } else {
            writer.raw(fragment)
        }
    }

    /// Counts `bytes` more, of text counted before (only when counting only).
    mutating func count(bytes: Int) {
        precondition(countingOnly, "count(bytes:) writes no text")
        counted += bytes
    }

    mutating func string(_ value: String) {
        if countingOnly {
            counted += value.utf8.count + 2 + Self.escapeGrowth(of: value)
        } else {
            writer.string(value)
        }
    }

    /// `string(value)` for a value whose `escapeGrowth(of:)` is known (counting reads no byte).
    mutating func string(_ value: String, escapeGrowth: Int) {
        if countingOnly {
            counted += value.utf8.count + 2 + escapeGrowth
        } else {
            writer.string(value)
        }
    }

    /// How many bytes escaping adds to `value` in a JSON string.
    static func escapeGrowth(of value: String) -> Int {
        var value = value
        return value.withUTF8(escapeGrowth(of:))
    }

    static func escapeGrowth(of utf8: UnsafeBufferPointer<UInt8>) -> Int {
        ByteScan.escapeGrowth(utf8, escapeLength: JSONWriter.escapeLength)
    }

    /// The facts' canonical texts joined by spaces, as one string; counting only, without joining them.
    mutating func string(joining facts: [Fact]) {
        guard countingOnly else {
            var joined = ""
            for (position, fact) in facts.enumerated() {
                if position > 0 { joined += " " }
                joined += fact.description
            }
            string(joined)
            return
        }
        for fact in facts { string(fact.description) }
        // Each fact was counted with its own quotes: the joined text has one pair and a space
        // between facts instead.
        counted += facts.isEmpty ? 2 : 1 - facts.count
    }

    /// The elements of a list of strings, separated by commas.
    mutating func strings(_ values: [String]) {
        for (position, value) in values.enumerated() {
            if position > 0 { raw(",") }
            string(value)
        }
    }

    mutating func number(_ value: Double) {
        raw(JSONWriter.numberText(value))
    }

    /// The size of `value.jsonText()` in UTF-8 bytes, measured without building it.
    static func byteCount(of value: JSONValue) -> Int {
        switch value {
        case .null: 4
        case .bool(let flag): flag ? 4 : 5
        case .number(let number): JSONWriter.numberText(number).utf8.count
        case .string(let string): string.utf8.count + 2 + escapeGrowth(of: string)
        case .array(let elements): elements.reduce(max(1, elements.count) + 1) { $0 + byteCount(of: $1) }
        case .object(let members):
            members.reduce(max(1, members.count) + 1) { size, member in
                size + member.key.utf8.count + 3 + escapeGrowth(of: member.key) + byteCount(of: member.value)
            }
        }
    }

}
