/// Python's `str.isspace`, `str.split()` and `re.sub(r"\s+", " ", s)`, which python-aiml applies to
/// patterns and template text.
extension Unicode.Scalar {
    /// Whether Python counts the scalar as white space (Unicode White_Space, and U+001C to U+001F).
    var isPythonSpace: Bool {
        properties.isWhitespace || (0x1C...0x1F).contains(value)
    }

    /// Whether the scalar is in python-aiml's punctuation, which matching turns into spaces.
    var isAIMLPunctuation: Bool {
        switch value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
        default: false
        }
    }
}

extension String {
    /// The words of the text, split at runs of white space as `str.split()` does.
    var pythonWords: [String] {
        unicodeScalars.split(whereSeparator: \.isPythonSpace).map { String(String.UnicodeScalarView($0)) }
    }

    /// The text with each run of white space replaced by one space.
    var collapsingPythonSpace: String {
        var result = String.UnicodeScalarView()
        var inSpace = false
        for scalar in unicodeScalars {
            if scalar.isPythonSpace {
                if !inSpace { result.append(" ") }
                inSpace = true
            } else {
                result.append(scalar)
                inSpace = false
            }
        }
        return String(result)
    }

    /// The text without white space at either end, as `str.strip()` gives it.
    var pythonStripped: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isPythonSpace }),
              let last = scalars.lastIndex(where: { !$0.isPythonSpace }) else { return "" }
        return String(scalars[first...last])
    }
}
