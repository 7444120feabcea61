/// A table of word swaps used by `{person: ...}`, `{person2: ...}` and `{gender: ...}`
/// (docs/minds-reference.md#functions).
struct WordSwaps: Sendable, Hashable {
    /// Each form with its replacement, in the order the forms were first written.
    private let forms: [(form: [Unicode.Scalar], replacement: String)]

    static func == (left: WordSwaps, right: WordSwaps) -> Bool {
        left.forms.elementsEqual(right.forms) { $0.form == $1.form && $0.replacement == $1.replacement }
    }

    func hash(into hasher: inout Hasher) {
        for entry in forms {
            hasher.combine(String(String.UnicodeScalarView(entry.form)))
            hasher.combine(entry.replacement)
        }
    }

    /// The swaps of `pairs` in order: each key stands for its lowercase, Capitalised and
    /// UPPERCASE forms, replaced by the replacement in the same form; a form written again keeps
    /// its place and takes the later replacement.
    init(_ pairs: [(key: String, replacement: String)]) {
        var forms: [(form: [Unicode.Scalar], replacement: String)] = []
        var positions: [String: Int] = [:]
        func add(_ form: String, _ replacement: String) {
            if let position = positions[form] {
                forms[position].replacement = replacement
            } else {
                positions[form] = forms.count
                forms.append((Array(form.unicodeScalars), replacement))
            }
        }
        for pair in pairs {
            add(pair.key.lowercased(), pair.replacement.lowercased())
            add(CaseStyle.formal(pair.key), CaseStyle.formal(pair.replacement))
            add(pair.key.uppercased(), pair.replacement.uppercased())
        }
        self.forms = forms
    }

    var isEmpty: Bool { forms.isEmpty }

    /// `text` with the swaps made: left to right, at each place where a word starts, the first
    /// form written there as whole words is replaced.
    func apply(to text: String) -> String {
        guard !forms.isEmpty else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let atStart = index == 0 || !Self.isWord(scalars[index - 1])
            if atStart, Self.isWord(scalars[index]),
                let entry = forms.first(where: { matches($0.form, in: scalars, at: index) })
            {
                output.append(contentsOf: entry.replacement.unicodeScalars)
                index += entry.form.count
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return String(output)
    }

    private func matches(_ form: [Unicode.Scalar], in scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let end = index + form.count
        guard end <= scalars.count, scalars[index..<end].elementsEqual(form) else { return false }
        return end == scalars.count || !Self.isWord(scalars[end]) || !Self.isWord(form[form.count - 1])
    }

    /// Letters, digits and `_`.
    private static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
