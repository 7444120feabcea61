/// A category's pattern, that and topic in the mind language, and where each AIML star went.
///
/// AIML `*` and `_` (one or more words) become `+`, AIML 2.0 `^` and `#` (zero or more) become `*`,
/// sets become concepts and words are written in lower case. In the that and the topic, wildcards are
/// named captures `{thatstarN}` and `{topicstarN}`; a that or topic of one lone wildcard is left out.
struct RulePatterns: Hashable, Sendable {
    let input: String
    /// The `that` pattern; nil when it is a lone wildcard.
    let that: String?
    /// The `topic` pattern; nil when it is a lone wildcard.
    let topic: String?
    /// For each AIML star of the pattern (wildcards and sets, counted as `<star index>` counts them),
    /// the mind's positional capture; nil for a set, which the mind does not capture.
    let patternStars: [Int?]
    /// For each AIML star of the that, its capture name (nil for a set); nil when the that is left out.
    let thatStars: [String?]?
    /// The same for the topic.
    let topicStars: [String?]?

    init(_ key: AIMLCategory.Key, botNameWords: [String]) {
        input = key.pattern.map { token in
            Self.element(token, botNameWords: botNameWords) { $0.allowsNoWords ? "*" : "+" }
        }.joined(separator: " ")
        var stars: [Int?] = []
        var position = 0
        for token in key.pattern where token.isStar {
            if case .wildcard = token {
                position += 1
                stars.append(position)
            } else {
                stars.append(nil)
            }
        }
        patternStars = stars
        (that, thatStars) = Self.context(key.that, prefix: "thatstar", botNameWords: botNameWords)
        (topic, topicStars) = Self.context(key.topic, prefix: "topicstar", botNameWords: botNameWords)
    }

    /// A that or topic pattern with named captures, and the names by AIML star; nils for a lone wildcard.
    private static func context(_ tokens: [PatternToken], prefix: String,
                                botNameWords: [String]) -> (String?, [String?]?) {
        if tokens.count == 1, case .wildcard = tokens[0] { return (nil, nil) }
        var names: [String?] = []
        let pattern = tokens.map { token in
            if case .set = token { names.append(nil) }
            return element(token, botNameWords: botNameWords) { token in
                let name = prefix + String(names.count + 1)
                names.append(name)
                return token.allowsNoWords ? "{\(name):*}" : "{\(name)}"
            }
        }
        return (pattern.joined(separator: " "), names)
    }

    /// The mind's form of a pattern element; `wildcard` writes a wildcard.
    private static func element(_ token: PatternToken, botNameWords: [String],
                                wildcard: (PatternToken) -> String) -> String {
        switch token {
        case .word(let word), .priorityWord(let word): word.lowercased()
        case .botName: botNameWords.joined(separator: " ").lowercased()
        case .set(let name): "~" + MindName.identifier(name)
        case .wildcard: wildcard(token)
        }
    }
}
