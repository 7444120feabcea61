/// Words for generated patterns and inputs: common support-chat words first (used most), then
/// made-up words from syllables (product names, jargon), so that a big mind has many distinct words.
struct Vocabulary {
    static let starters = [
        "how", "what", "where", "can", "i", "my", "do", "is", "why", "when", "please", "tell",
        "show", "does", "will", "who", "which", "could", "would", "are",
    ]

    static let common = [
        "order", "account", "password", "reset", "price", "shipping", "delivery", "refund",
        "return", "cancel", "change", "address", "email", "phone", "card", "payment", "invoice",
        "subscription", "plan", "upgrade", "downgrade", "login", "sign", "in", "up", "out", "the",
        "a", "an", "to", "for", "of", "on", "with", "me", "you", "your", "it", "this", "that", "get",
        "need", "want", "help", "support", "problem", "issue", "error", "broken", "working", "not",
        "new", "old", "product", "item", "size", "color", "stock", "available", "store", "open",
        "hours", "today", "tomorrow", "week", "time", "track", "package", "status", "late", "lost",
        "damaged", "wrong", "gift", "coupon", "discount", "sale", "free", "cost", "much", "many",
        "long", "fast", "slow", "international", "country", "warranty", "repair", "replace",
        "manual", "install", "setup", "app", "website", "download", "update", "delete", "close",
        "contact", "human", "agent", "talk", "speak", "call", "chat", "name", "number", "id",
    ]

    let words: [String]

    init(size: Int, random: inout BenchRandom) {
        let syllables = [
            "ka", "ro", "mi", "ten", "lu", "vo", "zan", "pel", "dri", "quo", "sa", "bex", "tor",
            "nim", "fa", "gli", "ur", "dax", "ome", "pra", "yel", "cu", "sto", "wen",
        ]
        var words = Self.starters + Self.common
        var seen = Set(words)
        while words.count < size {
            let length = Int.random(in: 2...4, using: &random)
            let word = (0..<length).map { _ in syllables.randomElement(using: &random)! }.joined()
            if seen.insert(word).inserted { words.append(word) }
        }
        self.words = words
    }

    /// A word, common ones far more often than rare ones.
    func word(_ random: inout BenchRandom) -> String {
        words[random.skewed(words.count)]
    }

    /// A sentence opener.
    func starter(_ random: inout BenchRandom) -> String {
        Self.starters.randomElement(using: &random)!
    }
}
