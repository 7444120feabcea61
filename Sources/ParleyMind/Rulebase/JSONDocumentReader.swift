import ParleyCore

/// Reads a JSON text into a `DocumentNode`, keeping key order and numbers as written; a key
/// repeated in one object is an error.
struct JSONDocumentReader {
    private var scanner: JSONScanner
    /// The elements and members read so far of the arrays and objects being read, innermost
    /// last: one buffer each for the whole document, so that each array or object allocates once.
    private var elements: [DocumentNode] = []
    private var members: [DocumentMember] = []

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
            guard scanner.firstMember(closing: UInt8(ascii: "]")) else { return .array([]) }
            let base = elements.count
            repeat {
                let element = try value()
                elements.append(element)
            } while try scanner.nextMember(closing: UInt8(ascii: "]"))
            let array = Array(elements[base...])
            while elements.count > base { elements.removeLast() }
            return .array(array)
        case .object:
            guard scanner.firstMember(closing: UInt8(ascii: "}")) else { return .object([]) }
            let base = members.count
            var seen: Set<String> = []
            repeat {
                let (key, start) = try scanner.key()
                // Small objects (rules) look for a duplicate among their few keys without hashing.
                let count = members.count - base
                let duplicate = count < 16 ? members[base...].contains { $0.key == key } : !seen.insert(key).inserted
                guard !duplicate else { throw scanner.error("duplicate key \"\(key)\"", at: start) }
                if count == 15 { seen = Set(members[base...].map(\.key) + [key]) }
                let member = DocumentMember(key: key, value: try value())
                members.append(member)
            } while try scanner.nextMember(closing: UInt8(ascii: "}"))
            let object = Array(members[base...])
            while members.count > base { members.removeLast() }
            return .object(object)
        }
    }
}
