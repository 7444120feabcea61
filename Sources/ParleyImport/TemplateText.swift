import ParleyCore

/// Text as both importers write it inside mind templates and conditions.
enum TemplateText {
    /// Literal text of a template: `{` doubled, `}` as the quoted text `{"}"}`, which a function's
    /// body also reads as a brace (there `}}` would close the body); with `quoted`, for a quoted
    /// argument of an output tag, `\` and `"` escaped too.
    static func escaped(_ text: String, quoted: Bool = false) -> String {
        guard text.utf8.contains(where: { $0 == 0x7B || $0 == 0x7D || (quoted && ($0 == 0x5C || $0 == 0x22)) }) else {
            return text
        }
        var result = ""
        for character in text {
            switch character {
            case "{": result += "{{"
            case "}": result += "{\"}\"}"
            case "\\" where quoted: result += "\\\\"
            case "\"" where quoted: result += "\\\""
            default: result.append(character)
            }
        }
        return result
    }

    /// A JSON string literal: a value in a condition, a date format.
    static func json(_ text: String) -> String {
        JSONValue.string(text).jsonText()
    }
}
