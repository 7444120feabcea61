/// Text as it is written inside mind templates and conditions.
enum RiveScriptTemplateText {
    /// Literal text of a template: `{` doubled, `}` as the quoted text `{"}"}`, which a function's
    /// body also reads as a brace (there `}}` would close the body).
    static func escaped(_ text: String) -> String {
        guard text.contains(where: { $0 == "{" || $0 == "}" }) else { return text }
        var result = ""
        for character in text {
            switch character {
            case "{": result += "{{"
            case "}": result += "{\"}\"}"
            default: result.append(character)
            }
        }
        return result
    }

    /// A JSON string literal.
    static func json(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
