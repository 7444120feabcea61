import ParleyCore

/// Reads a JSON text into a `DocumentNode`, keeping key order and numbers as written; a key
/// repeated in one object is an error.
struct JSONDocumentReader {
    private var scanner: JSONScanner

    /// Parses one JSON value filling the whole text (white space around it allowed).
    static func read(_ text: String) throws(JSONSyntaxError) -> DocumentNode {
        var reader = JSONDocumentReader(scanner: JSONScanner(text))
        let node = try reader.value()
        guard reader.scanner.isAtEnd() else { throw reader.scanner.error("unexpected text after the document") }
        return node
    }

    private mutating func value() throws(JSONSyntaxError) -> DocumentNode {
        switch try scanner.valueStart() {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number: return .number(try scanner.numberText())
        case .string: return .string(try scanner.string())
        case .array:
            var elements: [DocumentNode] = []
            guard scanner.firstMember(closing: UInt8(ascii: "]")) else { return .array(elements) }
            repeat {
                elements.append(try value())
            } while try scanner.nextMember(closing: UInt8(ascii: "]"))
            return .array(elements)
        case .object:
            var members: [DocumentMember] = []
            guard scanner.firstMember(closing: UInt8(ascii: "}")) else { return .object(members) }
            var seen: Set<String> = []
            repeat {
                let (key, start) = try scanner.key()
                // Small objects (rules) look for a duplicate among their few keys without hashing.
                let duplicate = members.count < 16 ? members.contains { $0.key == key } : !seen.insert(key).inserted
                guard !duplicate else { throw scanner.error("duplicate key \"\(key)\"", at: start) }
                if members.count == 15 { seen = Set(members.map(\.key) + [key]) }
                members.append(DocumentMember(key: key, value: try value()))
            } while try scanner.nextMember(closing: UInt8(ascii: "}"))
            return .object(members)
        }
    }
}
