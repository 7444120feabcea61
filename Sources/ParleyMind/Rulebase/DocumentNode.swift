import ParleyCore

/// A rulebase document as read from JSON or YAML, before compilation: key order and numbers as
/// written are kept, so that "a number where text is expected is read as text as written".
enum DocumentNode: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, as written in the source.
    case number(String)
    case string(String)
    case array([DocumentNode])
    /// Members in document order.
    case object([DocumentMember])

    /// A short name of the node's type, for error messages.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "text"
        case .array: "a list"
        case .object: "an object"
        }
    }

    /// The number as written, for a number node.
    var numberText: String? {
        if case .number(let text) = self { return text }
        return nil
    }

    /// The text of a string, or of a number as written; nil for other nodes.
    var text: String? {
        switch self {
        case .string(let text), .number(let text): text
        default: nil
        }
    }
}

/// One key and value of a document object.
struct DocumentMember: Sendable, Hashable {
    let key: String
    let value: DocumentNode
}

extension DocumentNode {
    /// The node as a JSON value (numbers read as written).
    var jsonValue: JSONValue {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let text): Double(text).map(JSONValue.number) ?? .string(text)
        case .string(let text): .string(text)
        case .array(let elements): .array(elements.map(\.jsonValue))
        case .object(let members):
            .object(Dictionary(members.map { ($0.key, $0.value.jsonValue) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
