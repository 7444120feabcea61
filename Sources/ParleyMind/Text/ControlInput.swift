/// A control input such as `[idle 3]`: one bracketed group, nothing around it, no bracket inside.
public struct ControlInput: Sendable, Hashable {
    /// The first word's match form (`idle`), or "" when the brackets hold no word.
    public let name: String
    /// The text of the words after the first (`["3"]`).
    public let arguments: [String]
    /// The tokens of the inside of the brackets; control patterns match these.
    public let tokens: [Token]

    /// A control input made of the given tokens of the inside.
    public init(tokens: [Token]) {
        self.tokens = tokens
        self.name = tokens.first?.match ?? ""
        self.arguments = tokens.dropFirst().map(\.text)
    }

    /// The control input that tells a mind `seconds` have passed since its last output:
    /// `[idle 30]`, or `[idle 0.2]` for a fraction (docs/minds-reference.md#control-inputs-idle-rules-and-output-tags).
    public static func idle(after seconds: Double) -> String {
        let number = seconds.rounded() == seconds && abs(seconds) < 1e15 ? String(Int(seconds)) : String(seconds)
        return "[idle \(number)]"
    }

    /// The control input `input` is, or nil when it is a text input.
    public static func parse(_ input: String) -> ControlInput? {
        // Most inputs end in a letter or punctuation other than "]": no need to look further.
        if let last = input.utf8.last, last < 0x80, last != UInt8(ascii: "]"),
            !Unicode.Scalar(last).isWhiteSpace
        {
            return nil
        }
        let scalars = TextNormalizer.nfc(input).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhiteSpace }),
              let last = scalars.lastIndex(where: { !$0.isWhiteSpace }),
              first < last, scalars[first] == "[", scalars[last] == "]"
        else { return nil }
        let inside = scalars[scalars.index(after: first)..<last]
        guard !inside.contains(where: { $0 == "[" || $0 == "]" }) else { return nil }
        return ControlInput(tokens: TextNormalizer.tokens(of: String(String.UnicodeScalarView(inside))))
    }
}
