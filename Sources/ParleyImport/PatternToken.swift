/// One element of an AIML pattern, that or topic.
enum PatternToken: Hashable, Sendable {
    /// A word, in capitals.
    case word(String)
    /// AIML 2.0 `$WORD`: a word that outranks every wildcard.
    case priorityWord(String)
    /// `<bot name="name"/>`: the bot's name.
    case botName
    /// AIML 2.0 `<set>NAME</set>`: any entry of the set.
    case set(String)
    case wildcard(Wildcard)

    /// The AIML wildcards, in the order matching tries them.
    enum Wildcard: Sendable {
        /// AIML 2.0 `#`: zero or more words, before everything else.
        case hash
        /// `_`: one or more words, before words.
        case underscore
        /// AIML 2.0 `^`: zero or more words, after words.
        case caret
        /// `*`: one or more words, after everything else.
        case star
    }

    /// The end of the pattern, of the that or of the topic in a category's match path: reached only when
    /// the wildcards before it have taken every word, so after every element that continues the path.
    static let endClass: UInt8 = 8

    /// Where matching tries the element among the children of one node of the match tree: smaller first.
    var matchClass: UInt8 {
        switch self {
        case .priorityWord: 0
        case .wildcard(.hash): 1
        case .wildcard(.underscore): 2
        case .word: 3
        case .botName: 4
        case .set: 5
        case .wildcard(.caret): 6
        case .wildcard(.star): 7
        }
    }

    /// Whether the element counts for `<star/>`, `<thatstar/>` and `<topicstar/>` indexes.
    var isStar: Bool {
        switch self {
        case .wildcard, .set: true
        case .word, .priorityWord, .botName: false
        }
    }

    /// Whether the element is an AIML 2.0 wildcard, which may match no words.
    var allowsNoWords: Bool {
        switch self {
        case .wildcard(.caret), .wildcard(.hash): true
        default: false
        }
    }

    /// The tokens of one run of pattern text; `aiml2` reads `^`, `#` and `$WORD` as AIML 2.0 does.
    static func tokens(of text: String, aiml2: Bool) -> [PatternToken] {
        text.pythonWords.map { word in
            switch word {
            case "*": .wildcard(.star)
            case "_": .wildcard(.underscore)
            case "^" where aiml2: .wildcard(.caret)
            case "#" where aiml2: .wildcard(.hash)
            case "BOT_NAME": .botName
            default:
                if aiml2 && word.hasPrefix("$") && word.count > 1 {
                    .priorityWord(String(word.dropFirst()).uppercased())
                } else {
                    .word(aiml2 ? word.uppercased() : word)
                }
            }
        }
    }

    /// The parts of a word between its non-ASCII punctuation, which the mind's `punctuation: split` turns
    /// into spaces in input; nil when the word has none.
    static func splitAtPunctuation(_ word: String) -> [String]? {
        let punctuation: Set<Unicode.GeneralCategory> = [
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation,
        ]
        func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
            !scalar.isASCII && punctuation.contains(scalar.properties.generalCategory)
        }
        guard word.unicodeScalars.contains(where: isPunctuation) else { return nil }
        return word.unicodeScalars.split(whereSeparator: isPunctuation).map { String(String.UnicodeScalarView($0)) }
    }

    /// Why python-aiml can never match the word, or nil when it can. Input is put in capitals and its
    /// punctuation turned into spaces before matching, and `substitutionKeys` are replaced before that.
    static func unmatchable(_ word: String, substitutionKeys: Set<String>) -> String? {
        if word.unicodeScalars.contains(where: \.isAIMLPunctuation) {
            return "the word \"\(word)\" holds punctuation, which matching removes from input"
        }
        if word != word.uppercased() {
            return "the word \"\(word)\" is not in capitals, and input is matched in capitals"
        }
        if substitutionKeys.contains(word.lowercased()) {
            return "the word \"\(word)\" is replaced in every input by a substitution"
        }
        return nil
    }
}
