/// Long texts cut into messages a chat service can send, for services whose messages have a
/// length limit (Messenger 2,000 characters, Slack 3,000, Telegram 4,096 UTF-16 code units).
public enum TextChunks {
    /// How a service counts a message's length.
    public enum Unit: Sendable {
        /// Characters, as people see them.
        case characters
        /// UTF-16 code units (an emoji may count as two).
        case utf16
    }

    /// `text` in pieces of at most `limit` units, each cut after its last whitespace when that is
    /// in the piece's second half (the whitespace is dropped), else after the last whole character
    /// that fits. A text within the limit is one piece.
    public static func split(_ text: String, limit: Int, in unit: Unit = .characters) -> [String] {
        let size: (Substring) -> Int =
            switch unit {
            case .characters: { $0.count }
            case .utf16: { $0.utf16.count }
            }
        var chunks: [String] = []
        var rest = Substring(text)
        while size(rest) > limit {
            var hardEnd = rest.startIndex
            var used = 0
            while hardEnd < rest.endIndex {
                let next = rest.index(after: hardEnd)
                let characterSize = size(rest[hardEnd..<next])
                if used + characterSize > limit { break }
                used += characterSize
                hardEnd = next
            }
            // One character larger than the limit still goes out, alone.
            if hardEnd == rest.startIndex { hardEnd = rest.index(after: hardEnd) }
            var end = hardEnd
            if let space = rest[..<hardEnd].lastIndex(where: \.isWhitespace), size(rest[..<space]) >= limit / 2 {
                end = rest.index(after: space)
            }
            var chunk = rest[..<end]
            while chunk.last?.isWhitespace == true { chunk.removeLast() }
            chunks.append(String(chunk))
            rest = rest[end...]
        }
        chunks.append(String(rest))
        return chunks
    }
}
