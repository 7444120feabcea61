/// A value of a mind document, with the members of objects in the order they are written.
indirect enum MindValue: Sendable {
    case string(String)
    /// A number, written as given.
    case number(String)
    case bool(Bool)
    case object([(key: String, value: MindValue)])
    case array([MindValue])

    /// An object of text members, from pairs in order.
    static func texts(_ pairs: [(String, String)]) -> MindValue {
        .object(pairs.map { (key: $0.0, value: .string($0.1)) })
    }

    /// Whether the value is an object or an array.
    var isContainer: Bool {
        switch self {
        case .object, .array: true
        case .string, .number, .bool: false
        }
    }

    /// Whether the value is an empty object or array.
    var isEmpty: Bool {
        switch self {
        case .object(let members): members.isEmpty
        case .array(let items): items.isEmpty
        case .string, .number, .bool: false
        }
    }
}
