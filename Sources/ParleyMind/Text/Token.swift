/// One word of an input: its text without edge punctuation, and the form used for matching.
public struct Token: Sendable, Hashable {
    /// The original text (NFC) with leading and trailing punctuation removed.
    public let text: String
    /// The match form: lowercased text with typographic apostrophes folded to `'`.
    public let match: String

    /// The texts of `tokens` joined by single spaces (a capture's value), built in one buffer;
    /// tokens without text (the later pieces of a word split at punctuation) are left out.
    static func joinedText(_ tokens: ArraySlice<Token>) -> String {
        guard tokens.count > 1 else { return tokens.first?.text ?? "" }
        if tokens.contains(where: \.text.isEmpty) { return joinedText(tokens.filter { !$0.text.isEmpty }[...]) }
        let size = tokens.reduce(tokens.count - 1) { $0 + $1.text.utf8.count }
        return String(unsafeUninitializedCapacity: size) { buffer in
            var end = 0
            for (position, token) in tokens.enumerated() {
                if position > 0 {
                    buffer[end] = UInt8(ascii: " ")
                    end += 1
                }
                var text = token.text
                text.withUTF8 { utf8 in
                    for byte in utf8 {
                        buffer[end] = byte
                        end += 1
                    }
                }
            }
            return end
        }
    }

    /// A token with the given text and match form, taken as they are.
    public init(text: String, match: String) {
        self.text = text
        self.match = match
    }
}
