/// One form of a turn's input: the input itself or a restated rewrite of it.
struct Form {
    let tokens: [Token]
    /// The mind's word ids of the tokens, summarized for the candidate scan.
    let words: InputWords
    /// The mind's word id of each token (`WordTable.unknown` for words no pattern tests for).
    var ids: [Int32] { words.ids }
    let isControl: Bool
    /// The text of the form, for traces.
    let text: String

    /// Parses a text: one bracketed group is a control form, anything else a text form.
    /// Substitutions are not applied here.
    init(parsing text: String, words: WordTable) {
        if let control = ControlInput.parse(text) {
            self.init(tokens: control.tokens, isControl: true, text: text, words: words)
        } else {
            self.init(tokens: TextNormalizer.tokens(of: text), isControl: false, text: text, words: words)
        }
    }

    init(tokens: [Token], isControl: Bool, text: String, words: WordTable) {
        self.init(tokens: tokens, ids: words.ids(of: tokens), isControl: isControl, text: text, wordCount: words.count)
    }

    /// A form whose tokens' ids (in a table of `wordCount` words) are already looked up.
    init(tokens: [Token], ids: [Int32], isControl: Bool, text: String, wordCount: Int) {
        self.tokens = tokens
        words = InputWords(ids, wordCount: wordCount)
        self.isControl = isControl
        self.text = text
    }

    /// True when both forms have the same kind and the same match forms.
    func matchesSameWords(as other: Form) -> Bool {
        isControl == other.isControl && tokens.map(\.match) == other.tokens.map(\.match)
    }
}
