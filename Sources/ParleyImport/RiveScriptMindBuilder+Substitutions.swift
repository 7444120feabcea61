import Foundation

/// The message normalisation: rivescript-python's substitutions and stripping as mind substitutions.
extension RiveScriptMindBuilder {
    /// The `! sub` table as the mind's substitutions (keys as their words' match forms, values with
    /// what rivescript-python strips removed), then English contractions without their apostrophe
    /// (rivescript-python strips it: "don't" reads "dont") and the symbols it strips.
    func substitutions() -> (table: [(String, String)], dropped: [ImportNote]) {
        let source = context.source
        var table: [(String, String)] = []
        var dropped: [ImportNote] = []
        var keys: Set<String> = []
        for key in RiveScriptSorter.sortedList(source.subs.keys) {
            let value = source.subs[key]!.strippingNasties.pythonWords.joined(separator: " ")
            let words = key.pythonWords
            let usable = !words.isEmpty && key == key.lowercased()
                && words.allSatisfy { word in word.unicodeScalars.first.map(Self.isWordStart) ?? false
                    && word.unicodeScalars.last.map(Self.isWordStart) ?? false }
            guard usable else {
                let place = source.substitutionPlaces[key]
                dropped.append(ImportNote(kind: .droppedElement, file: place?.file ?? "", line: place?.line ?? 0,
                                          message: "! sub \(key): the mind's substitutions match words, not \"\(key)\"; it is left out"))
                continue
            }
            let normalized = words.joined(separator: " ")
            if keys.insert(normalized).inserted { table.append((normalized, value)) }
        }
        for contraction in Self.contractions {
            for stem in contraction.stems.sorted() {
                let form = stem + contraction.suffix
                if keys.insert(form).inserted { table.append((form, form.replacingOccurrences(of: "'", with: ""))) }
            }
        }
        for symbol in ["$", "+", "<", "=", ">", "^", "`", "|", "~"] where keys.insert(symbol).inserted {
            table.append((symbol, ""))
        }
        return (table, dropped)
    }

    /// Whether a scalar may start or end a substitution key: one that a word keeps at its edges.
    private static func isWordStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "$+<=>^`|~".unicodeScalars.contains(scalar)
    }

    /// English contractions by the stems they follow: rivescript-python strips the apostrophe, so
    /// "don't" reads "dont" and "what's" reads "whats".
    private static let contractions: [(suffix: String, stems: Set<String>)] = [
        ("n't", ["do", "does", "did", "is", "are", "was", "were", "have", "has", "had", "could", "would", "should",
                 "must", "might", "need", "ca", "wo", "ai", "sha"]),
        ("'s", ["it", "that", "what", "who", "where", "when", "why", "how", "there", "here", "he", "she", "let",
                "everyone", "everybody", "someone", "somebody", "nobody", "everything", "something", "nothing"]),
        ("'re", ["you", "we", "they", "who", "what", "there", "where", "why", "how"]),
        ("'ll", ["i", "you", "he", "she", "it", "we", "they", "that", "who", "there", "what"]),
        ("'ve", ["i", "you", "we", "they", "could", "would", "should", "might", "must", "who", "what"]),
        ("'d", ["i", "you", "he", "she", "it", "we", "they", "that", "who", "there", "what", "how", "where", "why"]),
        ("'m", ["i"]),
    ]
}
