/// An output tag such as `[head-nod]` or `[select 3]`: a word, then arguments, in square brackets.
public struct OutputTag: Sendable, Hashable {
    /// The first word, e.g. `head-nod` or `select`.
    public var word: String
    /// The words after it, e.g. `["3"]`.
    public var arguments: [String]

    public init(word: String, arguments: [String] = []) {
        self.word = word
        self.arguments = arguments
    }

    /// An output's text without its tags (spaces around a removed tag collapse to one) and its
    /// tags in order. A bracketed group is a tag when it starts with a letter and holds no bracket.
    public static func split(_ output: String) -> (text: String, tags: [OutputTag]) {
        var text = ""
        var tags: [OutputTag] = []
        var rest = Substring(output)
        while let open = rest.firstIndex(of: "[") {
            let inside = rest[rest.index(after: open)...]
            guard let close = inside.firstIndex(where: { $0 == "]" || $0 == "[" }), inside[close] == "]",
                let first = inside.first, first.isLetter
            else {
                text += rest[...open]
                rest = inside
                continue
            }
            let words = inside[..<close].split(whereSeparator: \.isWhitespace).map(String.init)
            tags.append(OutputTag(word: words[0], arguments: Array(words.dropFirst())))
            text += rest[..<open]
            rest = inside[inside.index(after: close)...]
        }
        text += rest
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return (collapsed.trimmingWhiteSpace, tags)
    }
}
