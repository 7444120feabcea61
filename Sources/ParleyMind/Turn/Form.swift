/// One form of a turn's input: the input itself or a restated rewrite of it.
struct Form {
    let tokens: [Token]
    let isControl: Bool
    /// The text of the form, for traces.
    let text: String

    /// Parses a text: one bracketed group is a control form, anything else a text form.
    /// Substitutions are not applied here.
    init(parsing text: String) {
        if let control = ControlInput.parse(text) {
            tokens = control.tokens
            isControl = true
        } else {
            tokens = TextNormalizer.tokens(of: text)
            isControl = false
        }
        self.text = text
    }

    init(tokens: [Token], isControl: Bool, text: String) {
        self.tokens = tokens
        self.isControl = isControl
        self.text = text
    }

    /// True when both forms have the same kind and the same match forms.
    func matchesSameWords(as other: Form) -> Bool {
        isControl == other.isControl && tokens.map(\.match) == other.tokens.map(\.match)
    }
}
