/// The `history` of conversation data (mind-language.md sections 9 and 13.6).
enum History {
    static let maximumExchanges = 10
    static let maximumScalars = 4096

    /// The history with one exchange appended and the oldest dropped until at most 10 exchanges
    /// and 4096 Unicode scalars remain.
    ///
    /// The lines of a history each end with `\n` (a last line without one gets one): two lines
    /// make an exchange, counted from the newest; a lone first line (what is left of a cut
    /// exchange) counts as one. Lines end at a `\n` scalar (the `\r\n` pair does not end one).
    /// Only the lines kept are read, from the newest back.
    static func appending(input: String, output: String, to history: String) -> String {
        var exchange = "> " + oneLine(input) + "\n" + oneLine(output) + "\n"
        var total = scalarCount(exchange)
        if total > maximumScalars {
            exchange = String(String.UnicodeScalarView(exchange.unicodeScalars.suffix(maximumScalars)))
            total = maximumScalars
        }
        let ascii = TextNormalizer.isASCII(history)
        var history = history
        return history.withUTF8 { bytes in
            let count = bytes.count
            /// Whether the `\n` at `offset` ends a line.
            func endsLine(_ offset: Int) -> Bool {
                bytes[offset] == UInt8(ascii: "\n") && (offset == 0 || bytes[offset - 1] != UInt8(ascii: "\r"))
            }
            let lastUnended = count > 0 && !endsLine(count - 1)
            /// The start of the line that ends at `end` (after its `\n`, or at the end of the history).
            func lineStart(endingAt end: Int) -> Int {
                var offset = end == count && lastUnended ? end - 1 : end - 2
                while offset >= 0, !endsLine(offset) { offset -= 1 }
                return offset + 1
            }
            func scalars(_ range: Range<Int>) -> Int {
                var scalars = range.count
                if !ascii {
                    for offset in range where bytes[offset] & 0xC0 == 0x80 { scalars -= 1 }
                }
                return scalars + (range.upperBound == count && lastUnended ? 1 : 0)
            }
            var kept = 1
            var start = count
            while start > 0 {
                var first = lineStart(endingAt: start)
                if first > 0 { first = lineStart(endingAt: first) }
                let added = scalars(first..<start)
                guard kept < maximumExchanges, total + added <= maximumScalars else { break }
                kept += 1
                total += added
                start = first
            }
            guard start < count else { return exchange }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
                + (lastUnended ? "\n" : "") + exchange
        }
    }

    /// The number of Unicode scalars of `text`.
    private static func scalarCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { utf8 in utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
    }

    /// Newlines (`\r\n`, `\r`, `\n`, U+2028) replaced by spaces.
    static func oneLine(_ text: String) -> String {
        // Nothing to replace without `\n`, `\r` or 0xE2 (the first UTF-8 byte of U+2028).
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == 0xE2 }) else {
            return text
        }
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\n" where previous == "\r": continue
            case "\r", "\n", "\u{2028}": result.append(" ")
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}
