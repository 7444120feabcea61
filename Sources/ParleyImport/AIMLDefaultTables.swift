/// python-aiml's default word tables (DefaultSubs.py), in its order: the input substitutions and the
/// tables of `<person>`, `<person2>` and `<gender>`. As python-aiml has them, `<person>` swaps the
/// first and the third person, and `<person2>` the first and the second.
enum AIMLDefaultTables {
    /// Applied to every input (python-aiml's `normal`): contractions and slang spelled out.
    static let substitutions: [(String, String)] = [
        ("wanna", "want to"), ("gonna", "going to"),
        ("I'm", "I am"), ("I'd", "I would"), ("I'll", "I will"), ("I've", "I have"),
        ("you'd", "you would"), ("you're", "you are"), ("you've", "you have"), ("you'll", "you will"),
        ("he's", "he is"), ("he'd", "he would"), ("he'll", "he will"),
        ("she's", "she is"), ("she'd", "she would"), ("she'll", "she will"),
        ("we're", "we are"), ("we'd", "we would"), ("we'll", "we will"), ("we've", "we have"),
        ("they're", "they are"), ("they'd", "they would"), ("they'll", "they will"), ("they've", "they have"),
        ("y'all", "you all"),
        ("can't", "can not"), ("cannot", "can not"), ("couldn't", "could not"), ("wouldn't", "would not"),
        ("shouldn't", "should not"),
        ("isn't", "is not"), ("ain't", "is not"), ("don't", "do not"), ("aren't", "are not"),
        ("won't", "will not"), ("weren't", "were not"), ("wasn't", "was not"), ("didn't", "did not"),
        ("hasn't", "has not"), ("hadn't", "had not"), ("haven't", "have not"),
        ("where's", "where is"), ("where'd", "where did"), ("where'll", "where will"),
        ("who's", "who is"), ("who'd", "who did"), ("who'll", "who will"),
        ("what's", "what is"), ("what'd", "what did"), ("what'll", "what will"),
        ("when's", "when is"), ("when'd", "when did"), ("when'll", "when will"),
        ("why's", "why is"), ("why'd", "why did"), ("why'll", "why will"),
        ("it's", "it is"), ("it'd", "it would"), ("it'll", "it will"),
    ]

    /// `<person>`: first person to third (masculine), third person to first.
    static let person: [(String, String)] = [
        ("I", "he"), ("me", "him"), ("my", "his"), ("mine", "his"), ("myself", "himself"),
        ("he", "I"), ("him", "me"), ("his", "my"), ("himself", "myself"),
        ("she", "I"), ("her", "me"), ("hers", "mine"), ("herself", "myself"),
    ]

    /// `<person2>`: first person to second, second person to first.
    static let person2: [(String, String)] = [
        ("I", "you"), ("me", "you"), ("my", "your"), ("mine", "yours"), ("myself", "yourself"),
        ("you", "me"), ("your", "my"), ("yours", "mine"), ("yourself", "myself"),
    ]

    /// `<gender>`: masculine to feminine, feminine to masculine.
    static let gender: [(String, String)] = [
        ("he", "she"), ("him", "her"), ("his", "her"), ("himself", "herself"),
        ("she", "he"), ("her", "him"), ("hers", "his"), ("herself", "himself"),
    ]
}
