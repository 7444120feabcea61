import ParleyCore

/// A ground fact: a name and text arguments, compared case-insensitively, spelled as first written.
struct Fact: Sendable, Hashable, CustomStringConvertible {
    let name: String
    let arguments: [String]
    /// The arguments' comparison forms (Unicode lowercase mapping).
    let keys: [String]

    init(name: String, arguments: [String]) {
        self.name = name
        self.arguments = arguments
        keys = arguments.map(Fact.key)
    }

    /// The form values are compared in.
    static func key(_ value: String) -> String {
        value.lowercased()
    }

    /// True when both state the same fact (same name, arguments equal ignoring case).
    func isSame(as other: Fact) -> Bool {
        name == other.name && keys == other.keys
    }

    /// The canonical text: `Name` or `Name(arg, "two words")`.
    var description: String {
        guard !arguments.isEmpty else { return name }
        return name + "(" + arguments.map(Fact.canonical).joined(separator: ", ") + ")"
    }

    /// A value written bare when it can be, else as a JSON string.
    static func canonical(_ value: String) -> String {
        if value != "_", !value.isEmpty, value.unicodeScalars.allSatisfy(FactSyntax.isBareValueScalar) {
            return value
        }
        var writer = JSONWriter()
        writer.string(value)
        return writer.text
    }
}
