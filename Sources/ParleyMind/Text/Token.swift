/// One word of an input: its text without edge punctuation, and the form used for matching.
public struct Token: Sendable, Hashable {
    /// The original text (NFC) with leading and trailing punctuation removed.
    public let text: String
    /// The match form: lowercased text with typographic apostrophes folded to `'`.
    public let match: String

    /// A token with the given text and match form, taken as they are.
    public init(text: String, match: String) {
        self.text = text
        self.match = match
    }
}
