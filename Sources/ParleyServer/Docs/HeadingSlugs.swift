/// The ids a code host gives a page's headings, in order: the heading's text lowercased, with
/// spaces as `-` and other punctuation dropped; a repeated id gets `-1`, `-2`, ...
final class HeadingSlugs {
    private var seen: [String: Int] = [:]

    /// The id of the page's next heading, whose text is `text`.
    func next(for text: String) -> String {
        let base = Self.slug(text)
        guard let count = seen[base] else {
            seen[base] = 1
            return base
        }
        seen[base] = count + 1
        return "\(base)-\(count)"
    }

    /// `text` as a code host turns it into an id: "How a turn runs" is `how-a-turn-runs`.
    static func slug(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character == " " {
                slug.append("-")
            } else if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            }
        }
        return slug
    }
}
