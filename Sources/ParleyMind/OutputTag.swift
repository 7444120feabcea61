/// A tag in a mind's output: a bracketed group with no bracket inside that reads as a control
/// input with a first word (`[head-nod]`, `[select rocketsled]`).
public struct OutputTag: Sendable, Hashable {
    /// Where the tag, brackets included, is in the output it was found in.
    public let range: Range<String.Index>
    /// The first word's match form (`select`).
    public let word: String
    /// The words after the first, as written.
    public let arguments: [String]

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
                    if let control = ControlInput.parse(String(String.UnicodeScalarView(scalars[range]))), !control.name.isEmpty {
                        tags.append(OutputTag(range: range, word: control.name, arguments: control.arguments))
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
