/// Splits a text input into sentences for minds with `sentences: true`
/// (docs/minds-reference.md#version-11).
enum SentenceSplitter {
    /// The pieces between `.`, `?` and `!`, each trimmed; empty pieces are kept, except after
    /// the last mark; a text without pieces is one sentence.
    static func sentences(of text: String) -> [String] {
        var sentences: [String] = []
        var piece = String.UnicodeScalarView()
        var pendingEnd = false
        for scalar in text.unicodeScalars {
            if scalar == "." || scalar == "?" || scalar == "!" {
                sentences.append(String(piece).trimmingWhiteSpace)
                piece = String.UnicodeScalarView()
                pendingEnd = false
            } else {
                piece.append(scalar)
                pendingEnd = true
            }
        }
        if pendingEnd { sentences.append(String(piece).trimmingWhiteSpace) }
        return sentences.isEmpty ? [text] : sentences
    }
}
