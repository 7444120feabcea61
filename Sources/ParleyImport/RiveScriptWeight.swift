/// `{weight=N}` tags in triggers and replies (`\s*\{weight=(\d+)\}\s*`).
enum RiveScriptWeight {
    /// The number of the first tag, if any.
    static func weight(in text: String) -> Int? {
        let scalars = Array(text.unicodeScalars)
        return tags(in: scalars).first.map(\.weight)
    }

    /// The text without its tags and the white space around them.
    static func removing(from text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var position = 0
        for tag in tags(in: scalars) {
            result.append(contentsOf: scalars[position..<tag.start])
            position = tag.end
        }
        result.append(contentsOf: scalars[position...])
        return String(result)
    }

    /// Each tag's range, white space around it included, and its number.
    private static func tags(in scalars: [Unicode.Scalar]) -> [(start: Int, end: Int, weight: Int)] {
        let opening = Array("{weight=".unicodeScalars)
        var found: [(start: Int, end: Int, weight: Int)] = []
        var index = 0
        while index + opening.count < scalars.count {
            guard Array(scalars[index..<(index + opening.count)]) == opening else {
                index += 1
                continue
            }
            var close = index + opening.count
            while close < scalars.count, ("0"..."9").contains(scalars[close]) { close += 1 }
            guard close > index + opening.count, close < scalars.count, scalars[close] == "}",
                let weight = Int(String(String.UnicodeScalarView(scalars[(index + opening.count)..<close])))
            else {
                index += 1
                continue
            }
            var start = index
            let floor = found.last?.end ?? 0
            while start > floor, scalars[start - 1].isPythonSpace { start -= 1 }
            var end = close + 1
            while end < scalars.count, scalars[end].isPythonSpace { end += 1 }
            found.append((start, end, weight))
            index = end
        }
        return found
    }
}
