/// A tag in a mind's output: a bracketed group with no bracket inside that reads as a control
/// input with a first word (`[head-nod]`, `[select rocketsled]`).
public struct OutputTag: Sendable, Hashable {
    /// Where the tag, brackets included, is in the output it was found in.
    public let range: Range<String.Index>
    /// The first word's match form (`select`).
    public let word: String
    /// The arguments after the first word: a quoted argument (`"extra large"`) as written
    /// inside its quotes, other words without their edge punctuation.
    public let arguments: [String]
    /// The text after an unquoted `|`, shown when the tag's handler fails.
    public let fallback: String?

    /// The tags of `text`, in order.
    public static func all(in text: String) -> [OutputTag] {
        var tags: [OutputTag] = []
        let scalars = text.unicodeScalars
        var open: String.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            switch scalars[index] {
            case "[":
                open = index
            case "]":
                if let start = open {
                    let range = start..<scalars.index(after: index)
                    let inside = scalars[scalars.index(after: start)..<index]
                    if let (words, fallback) = Self.words(of: inside), let first = words.first {
                        let word = TextNormalizer.matchForm(of: first)
                        if !word.isEmpty {
                            tags.append(OutputTag(range: range, word: word, arguments: Array(words.dropFirst()),
                                                  fallback: fallback))
                        }
                    }
                }
                open = nil
            default:
                break
            }
            index = scalars.index(after: index)
        }
        return tags
    }

    /// The words inside a tag's brackets (quoted ones whole, others without edge punctuation)
    /// and the text after an unquoted `|`; nil when a quote is not closed.
    private static func words(of inside: Substring.UnicodeScalarView) -> ([String], String?)? {
        var words: [String] = []
        var index = inside.startIndex
        while index < inside.endIndex {
            let scalar = inside[index]
            if scalar.isWhiteSpace {
                index = inside.index(after: index)
            } else if scalar == "|" {
                let rest = String(String.UnicodeScalarView(inside[inside.index(after: index)...]))
                return (words, rest.trimmingWhiteSpace)
            } else if scalar == "\"" {
                var word = String.UnicodeScalarView()
                index = inside.index(after: index)
                while index < inside.endIndex, inside[index] != "\"" {
                    if inside[index] == "\\", inside.index(after: index) < inside.endIndex {
                        index = inside.index(after: index)
                    }
                    word.append(inside[index])
                    index = inside.index(after: index)
                }
                guard index < inside.endIndex else { return nil }
                index = inside.index(after: index)
                words.append(String(word))
            } else {
                let start = index
                while index < inside.endIndex, !inside[index].isWhiteSpace, inside[index] != "\"", inside[index] != "|" {
                    index = inside.index(after: index)
                }
                words += TextNormalizer.tokens(of: String(String.UnicodeScalarView(inside[start..<index]))).map(\.text)
            }
        }
        return (words, nil)
    }

    /// `text` with each tag's range replaced by its text from `replacements` (same order as
    /// `tags`, which must be `text`'s tags in order); a tag replaced by "" takes one adjacent
    /// space with it, so that no double or edge space is left.
    public static func replacing(_ tags: [OutputTag], with replacements: [String], in text: String) -> String {
        var result = text
        for (tag, replacement) in zip(tags, replacements).reversed() {
            var range = tag.range
            if replacement.isEmpty {
                let scalars = result.unicodeScalars
                let before = range.lowerBound > scalars.startIndex ? scalars[scalars.index(before: range.lowerBound)] : nil
                let after = range.upperBound < scalars.endIndex ? scalars[range.upperBound] : nil
                if after == " ", before == nil || before == " " {
                    range = range.lowerBound..<scalars.index(after: range.upperBound)
                } else if after == nil, before == " " {
                    range = scalars.index(before: range.lowerBound)..<range.upperBound
                }
            }
            result.replaceSubrange(range, with: replacement)
        }
        return result
    }

    /// `output` without its tags, as people are shown it.
    public static func removingTags(from output: String) -> String {
        let tags = all(in: output)
        return replacing(tags, with: tags.map { _ in "" }, in: output)
    }
}
