import Foundation
import ParleyCore

/// How both stores turn people lists and JSON values into text and back.
enum StoredJSON {
    static func text(_ people: [String]) -> String {
        JSONValue.array(people.map(JSONValue.string)).jsonText()
    }

    static func text(_ value: JSONValue) -> String {
        value.jsonText()
    }

    /// Reads a JSON value written by `text(_:)`; `field` and `location` name it in the error.
    static func value(_ text: String, field: String, location: String) throws -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            throw StoreError(.corruptRecord, location: location, detail: "stored \(field) is not valid JSON (\(error)): \(text.prefix(80))")
        }
    }

    /// Reads a people list written by `text(_:)`.
    static func people(_ text: String, location: String) throws -> [String] {
        guard case .array(let items) = try value(text, field: "people", location: location) else {
            throw StoreError(.corruptRecord, location: location, detail: "stored people is not a JSON array: \(text.prefix(80))")
        }
        return try items.map { item in
            guard let id = item.stringValue else {
                throw StoreError(.corruptRecord, location: location, detail: "stored people holds a non-string: \(text.prefix(80))")
            }
            return id
        }
    }

    /// Everyone a record concerns, for the erase index: the people and the speaker.
    static func involved(_ people: [String], speaker: String?) -> [String] {
        var ids = Set(people)
        if let speaker { ids.insert(speaker) }
        return ids.sorted()
    }

    /// A Codable value (a conversation's participants or ratings) as JSON text.
    static func encoded<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        // Encoding plain structs of strings, numbers and JSON values cannot fail.
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null"
    }

    /// Reads a value written by `encoded(_:)`; `field` and `location` name it in the error.
    static func decoded<T: Decodable>(_ type: T.Type, from text: String, field: String, location: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError(.corruptRecord, location: location, detail: "stored \(field) cannot be read (\(error)): \(text.prefix(80))")
        }
    }
}
