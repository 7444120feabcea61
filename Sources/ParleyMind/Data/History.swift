/// The `history` of conversation data (mind-language.md sections 9 and 13.6).
enum History {
    static let maximumExchanges = 10
    static let maximumScalars = 4096

    /// The history with one exchange appended and the oldest dropped until at most 10 exchanges
    /// and 4096 Unicode scalars remain.
    static func appending(input: String, output: String, to history: String) -> String {
        var exchange = "> " + oneLine(input) + "\n" + oneLine(output) + "\n"
        let scalars = exchange.unicodeScalars
        if scalars.count > maximumScalars {
            exchange = String(String.UnicodeScalarView(scalars.suffix(maximumScalars)))
        }
        var kept = 1
        var total = exchange.unicodeScalars.count
        let lines = Lines(history)
        var start = lines.count
        while start > 0 {
            let first = start - (start == 1 ? 1 : 2)
            let scalars = (first..<start).reduce(0) { $0 + lines.scalarCount(of: $1) }
            guard kept < maximumExchanges, total + scalars <= maximumScalars else { break }
            kept += 1
            total += scalars
            start = first
        }
        return lines.text(from: start) + exchange
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

    /// The lines of a history, each ended by `\n` (a last line without one gets one): two lines
    /// make an exchange, counted from the newest; a lone first line (what is left of a cut
    /// exchange) counts as one. Lines end at a `\n` scalar (the `\r\n` pair does not end one).
    private struct Lines {
        private let bytes: [UInt8]
        /// Where each line starts in `bytes`, plus the end.
        private var starts: [Int] = [0]
        /// Whether the last line lacks its `\n`.
        private var lastUnended = false

        var count: Int { starts.count - 1 }

        init(_ history: String) {
            bytes = Array(history.utf8)
            var previous: UInt8 = 0
            for (offset, byte) in bytes.enumerated() {
                if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") { starts.append(offset + 1) }
                previous = byte
            }
            if starts.last != bytes.count {
                starts.append(bytes.count)
                lastUnended = true
            }
        }

        /// The scalars of line `index`, its `\n` included.
        func scalarCount(of index: Int) -> Int {
            let scalars = bytes[starts[index]..<starts[index + 1]].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            return scalars + (lastUnended && index == count - 1 ? 1 : 0)
        }

        /// The lines from `index` on, each ended by `\n`.
        func text(from index: Int) -> String {
            guard index < count else { return "" }
            return String(decoding: bytes[starts[index]...], as: UTF8.self) + (lastUnended ? "\n" : "")
        }
    }
}
