/// The `history` of conversation data (docs/minds-reference.md#the-data-object).
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
    ///
    /// `escapeGrowth` is what JSON escaping adds to `history` (`CanonicalJSON.escapeGrowth(of:)`);
    /// the same is returned for the new history, worked out from the bytes dropped and added.
    static func appending(input: String, output: String, to history: String, escapeGrowth: Int)
        -> (text: String, escapeGrowth: Int)
    {
        let input = oneLine(input), output = oneLine(output)
        var exchange = String()
        exchange.reserveCapacity(input.utf8.count + output.utf8.count + 4)
        exchange += "> "
        exchange += input
        exchange += "\n"
        exchange += output
        exchange += "\n"
        var total = scalarCount(exchange)
        if total > maximumScalars {
            exchange = String(String.UnicodeScalarView(exchange.unicodeScalars.suffix(maximumScalars)))
            total = maximumScalars
        }
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
                var limit = end == count && lastUnended ? end : end - 1
                while let newline = ByteScan.lastIndex(of: UInt8(ascii: "\n"), in: bytes, before: limit) {
                    if endsLine(newline) { return newline + 1 }
                    limit = newline
                }
                return 0
            }
            func scalars(_ range: Range<Int>) -> Int {
                range.count - ByteScan.continuationCount(UnsafeBufferPointer(rebasing: bytes[range]))
                    + (range.upperBound == count && lastUnended ? 1 : 0)
            }
            // When every byte counted as a scalar still fits, the scalar limit cannot bind: no need to count.
            let alwaysFits = total + count + (lastUnended ? 1 : 0) <= maximumScalars
            var kept = 1
            var start = count
            while start > 0 {
                var first = lineStart(endingAt: start)
                if first > 0 { first = lineStart(endingAt: first) }
                let added = alwaysFits ? 0 : scalars(first..<start)
                guard kept < maximumExchanges, total + added <= maximumScalars else { break }
                kept += 1
                total += added
                start = first
            }
            let added = CanonicalJSON.escapeGrowth(of: exchange)
            guard start < count else { return (exchange, added) }
            let separator = lastUnended ? 1 : 0
            let growth = escapeGrowth - CanonicalJSON.escapeGrowth(of: UnsafeBufferPointer(rebasing: bytes[..<start]))
                + separator + added
            let text = String(unsafeUninitializedCapacity: count - start + separator + exchange.utf8.count) { buffer in
                var end = buffer.initialize(fromContentsOf: bytes[start...])
                if lastUnended {
                    buffer[end] = UInt8(ascii: "\n")
                    end += 1
                }
                return UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(fromContentsOf: exchange.utf8) + end
            }
            return (text, growth)
        }
    }

    /// The number of Unicode scalars of `text`.
    private static func scalarCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { utf8 in utf8.count - ByteScan.continuationCount(utf8) }
    }

    /// Newlines (`\r\n`, `\r`, `\n`, U+2028) replaced by spaces.
    static func oneLine(_ text: String) -> String {
        // Nothing to replace without `\n`, `\r` or 0xE2 (the first UTF-8 byte of U+2028).
        var text = text
        guard text.withUTF8({ ByteScan.contains(UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0xE2, in: $0) }) else {
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
