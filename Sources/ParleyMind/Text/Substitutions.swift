/// The `substitutions` of a mind: whole-token phrase replacements, leftmost-longest, one pass.
public struct Substitutions: Sendable {
    private struct Entry: Sendable {
        let key: [String]
        let replacement: [Token]
    }

    /// The match forms of the keys' first words.
    private let firstWords: WordTable
    /// Entries by the id of their first key word in `firstWords`, longest key first.
    private let entriesByFirstWord: [[Entry]]
    /// The first bytes of the keys' first words as bits, so that most tokens are passed over
    /// without a lookup.
    private let firstBytes: [UInt64]

    /// The match forms of every key, words joined by single spaces.
    public let keys: Set<String>

    /// Substitutions from `(from, to)` pairs in document order; of two equal keys the first wins,
    /// and a key with no words is ignored.
    public init(_ pairs: [(from: String, to: String)]) {
        var byFirst: [String: [Entry]] = [:]
        var keys: Set<String> = []
        for pair in pairs {
            let key = TextNormalizer.tokens(of: pair.from).map(\.match)
            guard let first = key.first, keys.insert(key.joined(separator: " ")).inserted else { continue }
            byFirst[first, default: []].append(Entry(key: key, replacement: TextNormalizer.tokens(of: pair.to)))
        }
        // Distinct keys of equal length cannot both match at one place, so only length orders them.
        var firstWords = WordTable()
        var entries: [[Entry]] = []
        var firstBytes = [UInt64](repeating: 0, count: 4)
        for (word, wordEntries) in byFirst {
            _ = firstWords.intern(word)
            if let byte = word.utf8.first { firstBytes[Int(byte >> 6)] |= 1 << UInt64(byte & 63) }
            entries.append(wordEntries.sorted { $0.key.count > $1.key.count })
        }
        self.firstWords = firstWords
        self.entriesByFirstWord = entries
        self.firstBytes = firstBytes
        self.keys = keys
    }

    /// `tokens` with every substitution applied, scanning left to right, longest key first.
    public func apply(to tokens: [Token]) -> [Token] {
        applied(to: tokens) ?? tokens
    }

    /// `apply(to:)`, or nil when no substitution applies.
    func applied(to tokens: [Token]) -> [Token]? {
        guard !entriesByFirstWord.isEmpty else { return nil }
        // Built only from the first substitution on; until then the tokens are kept as they are.
        var result: [Token] = []
        var substituted = false
        var index = 0
        while index < tokens.count {
            let byte = tokens[index].match.utf8.first ?? 0
            let first = firstBytes[Int(byte >> 6)] & 1 << UInt64(byte & 63) == 0
                ? WordTable.unknown : firstWords.id(of: tokens[index].match)
            let entry = first == WordTable.unknown ? nil : entriesByFirstWord[Int(first)].first { entry in
                index + entry.key.count <= tokens.count
                    && zip(entry.key, tokens[index...]).allSatisfy { $0 == $1.match }
            }
            if let entry {
                if !substituted {
                    substituted = true
                    result.reserveCapacity(tokens.count)
                    result.append(contentsOf: tokens[..<index])
                }
                result.append(contentsOf: entry.replacement)
                index += entry.key.count
            } else {
                if substituted { result.append(tokens[index]) }
                index += 1
            }
        }
        return substituted ? result : nil
    }
}
