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
        var exchanges = split(history)
        exchanges.append(exchange)
        var total = exchanges.reduce(0) { $0 + $1.unicodeScalars.count }
        while exchanges.count > maximumExchanges || total > maximumScalars {
            total -= exchanges.removeFirst().unicodeScalars.count
        }
        return exchanges.joined()
    }

    /// Newlines (`\r\n`, `\r`, `\n`, U+2028) replaced by spaces.
    static func oneLine(_ text: String) -> String {
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

    /// The exchanges of a history: two lines each, newest last; a lone first line (what is left
    /// of a cut exchange) counts as one.
    private static func split(_ history: String) -> [String] {
        var lines = history.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        if history.hasSuffix("\n") || history.isEmpty { lines.removeLast() }
        var exchanges: [String] = []
        var end = lines.count
        while end >= 2 {
            exchanges.append(lines[end - 2] + lines[end - 1])
            end -= 2
        }
        if end == 1 { exchanges.append(lines[0]) }
        return exchanges.reversed()
    }
}
