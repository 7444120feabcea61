import Foundation

/// Any JSON value: message payloads, conversation data, request bodies.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The value under `key` when this is an object, else nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string when this is a string, else nil.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number when this is a number, else nil.
    public var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// The number when this is a number with no fraction that fits an `Int`, else nil.
    public var intValue: Int? {
        numberValue.flatMap { Int(exactly: $0) }
    }

    /// The truth value when this is a boolean, else nil.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements when this is an array, else nil.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members when this is an object, else nil.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// Parses JSON text (any top-level value); throws `JSONSyntaxError` saying where it is not
    /// JSON, or when it is not UTF-8.
    public static func parse(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        guard let text = String(validating: data, as: UTF8.self) else {
            throw JSONSyntaxError(line: 1, column: 1, message: "the text is not valid UTF-8")
        }
        return try parse(text)
    }

    /// Parses JSON text (any top-level value); throws `JSONSyntaxError` saying where it is not JSON.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var scanner = JSONScanner(text)
        let value = try read(&scanner)
        guard scanner.isAtEnd() else { throw scanner.error("unexpected text after the JSON value") }
        return value
    }

    private static func read(_ scanner: inout JSONScanner) throws(JSONSyntaxError) -> JSONValue {
        switch try scanner.valueStart() {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number: return .number(try scanner.number())
        case .string: return .string(try scanner.string())
        case .array:
            var elements: [JSONValue] = []
            guard scanner.firstMember(closing: UInt8(ascii: "]")) else { return .array(elements) }
            repeat {
                elements.append(try read(&scanner))
            } while try scanner.nextMember(closing: UInt8(ascii: "]"))
            return .array(elements)
        case .object:
            var members: [String: JSONValue] = [:]
            guard scanner.firstMember(closing: UInt8(ascii: "}")) else { return .object(members) }
            repeat {
                let key = try scanner.key().key
                // A repeated key keeps its last value, as most readers do.
                members[key] = try read(&scanner)
            } while try scanner.nextMember(closing: UInt8(ascii: "}"))
            return .object(members)
        }
    }

    /// Compact JSON text with object keys sorted, so equal values give equal text (see `JSONWriter`).
    public func jsonText() -> String {
        var writer = JSONWriter()
        writer.value(self)
        return writer.text
    }
}

extension JSONValue: Codable {
    /// The JSON form of any `Encodable` value.
    public init(encoding value: some Encodable) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    /// This JSON read as a `Decodable` type.
    public func decoded<T: Decodable>(as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(self))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else if let object = try? container.decode([String: JSONValue].self) {
            self = .object(object)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let bool): try container.encode(bool)
        case .number(let number):
            if number.rounded() == number, abs(number) < 9_007_199_254_740_992 {
                try container.encode(Int64(number))
            } else {
                try container.encode(number)
            }
        case .string(let text): try container.encode(text)
        case .array(let array): try container.encode(array)
        case .object(let object): try container.encode(object)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}
