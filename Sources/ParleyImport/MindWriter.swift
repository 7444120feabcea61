import ParleyCore

/// Writes a mind document as text. JSON: a container that holds no container and, for an object,
/// at most `flatMembers` members goes on one line (so one rule per line); others get a line per member.
/// YAML: block style, keys bare when they are plain names, every text double-quoted with JSON's escapes
/// and non-ASCII written as it is.
enum MindWriter {
    private static let flatMembers = 8

    static func json(_ value: MindValue) -> String {
        var out = ""
        writeJSON(value, indent: 0, into: &out)
        out += "\n"
        return out
    }

    static func yaml(_ value: MindValue) -> String {
        var out = ""
        if value.isContainer && !value.isEmpty {
            writeYAMLBlock(value, indent: 0, into: &out)
        } else {
            writeScalar(value, yaml: true, into: &out)
            out += "\n"
        }
        return out
    }

    // MARK: JSON

    /// Whether a container is written on one line.
    private static func isFlat(_ value: MindValue) -> Bool {
        switch value {
        case .object(let members): members.count <= flatMembers && !members.contains { $0.value.isContainer }
        case .array(let items): !items.contains(where: \.isContainer)
        case .string, .number, .bool: true
        }
    }

    private static func writeJSON(_ value: MindValue, indent: Int, into out: inout String) {
        let flat = isFlat(value)
        let inner = String(repeating: " ", count: indent + 2)
        switch value {
        case .object(let members):
            out += "{"
            for (offset, member) in members.enumerated() {
                out += offset == 0 ? (flat ? "" : "\n" + inner) : (flat ? ", " : ",\n" + inner)
                writeText(member.key, yaml: false, into: &out)
                out += ": "
                writeJSON(member.value, indent: indent + 2, into: &out)
            }
            out += flat || members.isEmpty ? "}" : "\n" + String(repeating: " ", count: indent) + "}"
        case .array(let items):
            out += "["
            for (offset, item) in items.enumerated() {
                out += offset == 0 ? (flat ? "" : "\n" + inner) : (flat ? ", " : ",\n" + inner)
                writeJSON(item, indent: indent + 2, into: &out)
            }
            out += flat || items.isEmpty ? "]" : "\n" + String(repeating: " ", count: indent) + "]"
        case .string, .number, .bool:
            writeScalar(value, yaml: false, into: &out)
        }
    }

    // MARK: YAML

    /// Writes a non-empty container as a block at `indent`, one line per member or item.
    private static func writeYAMLBlock(_ value: MindValue, indent: Int, into out: inout String) {
        let spaces = String(repeating: " ", count: indent)
        switch value {
        case .object(let members):
            for member in members {
                out += spaces
                writeYAMLMember(member, indent: indent, into: &out)
            }
        case .array(let items):
            for item in items {
                out += spaces + "-"
                if case .object(let members) = item, let first = members.first {
                    out += " "
                    writeYAMLMember(first, indent: indent + 2, into: &out)
                    writeYAMLBlock(.object(Array(members.dropFirst())), indent: indent + 2, into: &out)
                } else {
                    writeYAMLValue(item, indent: indent + 2, into: &out)
                }
            }
        case .string, .number, .bool:
            writeScalar(value, yaml: true, into: &out)
        }
    }

    /// Writes `key:` and the value, on the same line when it is a scalar or empty.
    private static func writeYAMLMember(_ member: (key: String, value: MindValue), indent: Int,
                                        into out: inout String) {
        if isPlainKey(member.key) {
            out += member.key
        } else {
            writeText(member.key, yaml: true, into: &out)
        }
        out += ":"
        writeYAMLValue(member.value, indent: indent + 2, into: &out)
    }

    /// Writes a value after `key:` or `-`: a scalar or an empty container on the same line, else a block.
    private static func writeYAMLValue(_ value: MindValue, indent: Int, into out: inout String) {
        if value.isContainer && !value.isEmpty {
            out += "\n"
            writeYAMLBlock(value, indent: indent, into: &out)
        } else {
            out += " "
            writeScalar(value, yaml: true, into: &out)
            out += "\n"
        }
    }

    /// Whether a key can be written without quotes: a name that no YAML reader takes for anything else.
    private static func isPlainKey(_ key: String) -> Bool {
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        }
        guard let first = key.unicodeScalars.first, isLetter(first) else { return false }
        return key.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) }
            && !["true", "false", "null", "yes", "no", "on", "off", "y", "n"].contains(key.lowercased())
    }

    // MARK: Scalars

    private static func writeScalar(_ value: MindValue, yaml: Bool, into out: inout String) {
        switch value {
        case .string(let text): writeText(text, yaml: yaml, into: &out)
        case .number(let number): out += number
        case .bool(let flag): out += flag ? "true" : "false"
        case .object: out += "{}"
        case .array: out += "[]"
        }
    }

    /// Writes a text in double quotes with JSON's escapes; for YAML also the characters YAML does not
    /// allow as they are, or reads as line breaks.
    private static func writeText(_ text: String, yaml: Bool, into out: inout String) {
        guard yaml else {
            out += JSONValue.string(text).jsonText()
            return
        }
        out += "\""
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            out += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                default:
                    if scalar.value < 0x20 || needsYAMLEscape(scalar) {
                        let hex = String(scalar.value, radix: 16, uppercase: true)
                        out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        out += "\""
    }

    /// Characters outside YAML's printable set, and those YAML 1.1 readers take for line breaks.
    private static func needsYAMLEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: true
        default: false
        }
    }
}
