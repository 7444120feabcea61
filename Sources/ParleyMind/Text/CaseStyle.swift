/// The case functions of version 1.1 templates (docs/minds-reference.md#functions).
enum CaseStyle {
    /// Each word (split at white space) with its first letter upper and the rest lower, joined by
    /// single spaces.
    static func formal(_ text: String) -> String {
        text.unicodeScalars.split(whereSeparator: \.isWhiteSpace).map { capitalized(String(String.UnicodeScalarView($0))) }
            .joined(separator: " ")
    }

    /// The text trimmed, its first word with the first letter upper and the rest of it lower.
    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingWhiteSpace
        guard let space = trimmed.firstIndex(of: " ") else { return capitalized(trimmed) }
        return capitalized(String(trimmed[..<space])) + trimmed[space...]
    }

    /// The word with its first character upper and the rest lower.
    static func capitalized(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst().lowercased()
    }
}
