import Foundation

/// AIML 2.0 set and map files: a set is one entry per line or a JSON list (of texts, or of lists of
/// words); a map is `key:value` per line or a JSON list of `[key, value]` pairs.
enum AIMLDataFile {
    /// The entries of a set file, or nil when its JSON is not a list of entries.
    static func setEntries(_ text: String) -> [String]? {
        guard let json = jsonList(text) else {
            return lines(text)
        }
        var entries: [String] = []
        for item in json {
            if let entry = item as? String {
                entries.append(entry)
            } else if let words = item as? [String] {
                entries.append(words.joined(separator: " "))
            } else {
                return nil
            }
        }
        return entries.map(squeezed).filter { !$0.isEmpty }
    }

    /// The pairs of a map file, or nil when a line has no `:` or the JSON is not a list of pairs.
    static func mapEntries(_ text: String) -> [(key: String, value: String)]? {
        guard let json = jsonList(text) else {
            var pairs: [(key: String, value: String)] = []
            for line in lines(text) {
                guard let colon = line.firstIndex(of: ":") else { return nil }
                pairs.append((squeezed(String(line[..<colon])), squeezed(String(line[line.index(after: colon)...]))))
            }
            return pairs
        }
        var pairs: [(key: String, value: String)] = []
        for item in json {
            guard let pair = item as? [String], pair.count == 2 else { return nil }
            pairs.append((squeezed(pair[0]), squeezed(pair[1])))
        }
        return pairs
    }

    /// The items of a JSON list, or nil when the text is not one.
    private static func jsonList(_ text: String) -> [Any]? {
        guard text.drop(while: { $0.isWhitespace }).first == "[" else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [Any]
    }

    /// The lines that hold more than white space, without white space at their ends.
    private static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { squeezed(String($0)) }.filter { !$0.isEmpty }
    }

    /// The words of the text joined by single spaces.
    private static func squeezed(_ text: String) -> String {
        text.pythonWords.joined(separator: " ")
    }
}
