import Foundation

/// Splits text into tokens and computes match forms (mind language, sections 2 and 13.1).
public enum TextNormalizer {
    /// The tokens of `text`: NFC, split at Unicode White_Space, edge punctuation removed,
    /// tokens with an empty match form dropped.
    public static func tokens(of text: String) -> [Token] {
        if isASCII(text) {
            var text = text
            var ids: [Int32] = []
            return text.withUTF8 { asciiTokens(of: $0, words: nil, ids: &ids) }
        }
        let scalars = nfc(text).unicodeScalars
        var result: [Token] = []
        var wordStart: String.UnicodeScalarView.Index?
        var index = scalars.startIndex
        while index != scalars.endIndex {
            if scalars[index].isWhiteSpace {
                if let start = wordStart {
                    if let token = token(scalars[start..<index]) { result.append(token) }
                    wordStart = nil
                }
            } else if wordStart == nil {
                wordStart = index
            }
            index = scalars.index(after: index)
        }
        if let start = wordStart, let token = token(scalars[start..<scalars.endIndex]) {
            result.append(token)
        }
        return result
    }

    /// `tokens(of:)` with the id of each token's match form in `words`, looked up while splitting.
    static func tokens(of text: String, words: WordTable) -> (tokens: [Token], ids: [Int32]) {
        guard isASCII(text) else {
            let tokens = tokens(of: text)
            return (tokens, words.ids(of: tokens))
        }
        var text = text
        var ids: [Int32] = []
        let tokens = text.withUTF8 { asciiTokens(of: $0, words: words, ids: &ids) }
        return (tokens, ids)
    }

    /// The match form of one word ("" when it is only punctuation).
    public static func matchForm(of word: String) -> String {
        // Lowercase ASCII letters and digits only: no punctuation to strip, nothing to lower.
        if !word.isEmpty, word.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }) {
            return word
        }
        if isASCII(word), !word.utf8.contains(where: { ASCIITable.whiteSpace[Int($0)] }) {
            var word = word
            var ids: [Int32] = []
            return word.withUTF8 { asciiTokens(of: $0, words: nil, ids: &ids) }.first?.match ?? ""
        }
        let scalars = nfc(word).unicodeScalars
        return token(scalars[scalars.startIndex..<scalars.endIndex])?.match ?? ""
    }

    /// Whether a match form is a number: `-?[0-9]+(\.[0-9]+)?`.
    public static func isNumber(_ matchForm: String) -> Bool {
        var scalars = Substring(matchForm).unicodeScalars[...]
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        guard let dot = scalars.firstIndex(of: ".") else { return isDigits(scalars) }
        return isDigits(scalars[..<dot]) && isDigits(scalars[scalars.index(after: dot)...])
    }

    /// The number of Unicode scalars of `text` after NFC.
    public static func scalarCount(_ text: String) -> Int {
        isASCII(text) ? text.utf8.count : nfc(text).unicodeScalars.count
    }

    /// `text` in Unicode normalization form C.
    static func nfc(_ text: String) -> String {
        isASCII(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whether `text` is all ASCII (and so already NFC).
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(ByteScan.isASCII)
    }

    /// `tokens(of:)` for ASCII text, by byte tables built from the same Unicode properties; with
    /// `words`, appends each token's id in it to `ids`.
    private static func asciiTokens(of bytes: UnsafeBufferPointer<UInt8>, words: WordTable?, ids: inout [Int32])
        -> [Token]
    {
        // Read once: each use of a static table checks that it is initialized.
        let whiteSpace = ASCIITable.whiteSpace, punctuation = ASCIITable.punctuation, lowercase = ASCIITable.lowercase
        // Room for words of about four letters, reserved once instead of grown.
        let expected = bytes.count / 5 + 2
        var result: [Token] = []
        result.reserveCapacity(expected)
        if words != nil { ids.reserveCapacity(expected) }
        var lowered: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard !whiteSpace[Int(bytes[index])] else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, !whiteSpace[Int(bytes[end])] { end += 1 }
            var start = index
            while start < end, punctuation[Int(bytes[start])] {
                if bytes[start] == UInt8(ascii: "-"), start + 1 < end, isDigit(Unicode.Scalar(bytes[start + 1])) { break }
                start += 1
            }
            var stop = end
            while stop > start, punctuation[Int(bytes[stop - 1])] { stop -= 1 }
            if start < stop {
                let word = UnsafeBufferPointer(rebasing: bytes[start..<stop])
                let text = String(decoding: word, as: UTF8.self)
                if word.contains(where: { lowercase[Int($0)] != $0 }) {
                    lowered.removeAll(keepingCapacity: true)
                    for byte in word { lowered.append(lowercase[Int(byte)]) }
                    result.append(Token(text: text, match: String(decoding: lowered, as: UTF8.self)))
                    if let words { ids.append(lowered.withUnsafeBufferPointer(words.id(of:))) }
                } else {
                    result.append(Token(text: text, match: text))
                    if let words { ids.append(words.id(of: word)) }
                }
            }
            index = end
        }
        return result
    }

    /// Properties of the 128 ASCII scalars.
    private enum ASCIITable {
        static let whiteSpace = (0..<128).map { Unicode.Scalar(UInt8($0)).properties.isWhitespace }
        static let punctuation = (0..<128).map { isPunctuation(Unicode.Scalar(UInt8($0))) }
        static let lowercase = (0..<128).map { Array(String(Unicode.Scalar(UInt8($0))).lowercased().utf8)[0] }
    }

    /// Whether a scalar separates words under `punctuation: split`: ASCII punctuation and
    /// symbols, and Unicode punctuation (P*).
    static func separatesWords(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return (0x21...0x2F).contains(scalar.value) || (0x3A...0x40).contains(scalar.value)
                || (0x5B...0x60).contains(scalar.value) || (0x7B...0x7E).contains(scalar.value)
        }
        return isPunctuation(scalar)
    }

    /// Whether a scalar is punctuation (general category P*).
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func isDigits(_ scalars: Substring.UnicodeScalarView.SubSequence) -> Bool {
        !scalars.isEmpty && scalars.allSatisfy(isDigit)
    }

    /// The token of one NFC word, or nil when nothing but punctuation is left.
    private static func token(_ word: Substring.UnicodeScalarView) -> Token? {
        var start = word.startIndex
        while start != word.endIndex, isPunctuation(word[start]) {
            let next = word.index(after: start)
            if word[start] == "-", next != word.endIndex, isDigit(word[next]) { break }
            start = next
        }
        var end = word.endIndex
        while end != start, isPunctuation(word[word.index(before: end)]) {
            end = word.index(before: end)
        }
        guard start != end else { return nil }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: word[start..<end])
        let stripped = String(text)
        var match = String.UnicodeScalarView()
        for scalar in stripped.lowercased().unicodeScalars {
            match.append(scalar == "\u{2018}" || scalar == "\u{2019}" ? "'" : scalar)
        }
        return Token(text: stripped, match: String(match))
    }
}
