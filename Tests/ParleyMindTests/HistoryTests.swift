import Testing
@testable import ParleyMind

/// `History.appending` against a plain reference: split the whole history into lines, keep whole
/// exchanges from the newest while both limits allow.
@Suite struct HistoryTests {
    @Test func agreesWithTheReferenceOnRandomHistories() {
        var random = HistoryTestRandom(seed: 0x4157)
        let pieces = ["a", "bc", " ", "\n", "\r", "\r\n", "\u{2028}", "é", "> x", "日本", "\"", "\\", "\t", "\u{1}",
                      String(repeating: "z", count: 700)]
        for _ in 0..<2_000 {
            var history = ""
            for _ in 0..<random.next(below: 40) { history += pieces[random.next(below: pieces.count)] }
            let input = (0..<random.next(below: 4)).map { _ in pieces[random.next(below: pieces.count)] }.joined()
            let output = (0..<random.next(below: 8)).map { _ in pieces[random.next(below: pieces.count)] }.joined()
            let appended = History.appending(
                input: input, output: output, to: history, escapeGrowth: CanonicalJSON.escapeGrowth(of: history))
            #expect(appended.text == Self.reference(input: input, output: output, to: history), "\(history.debugDescription)")
            #expect(appended.escapeGrowth == CanonicalJSON.escapeGrowth(of: appended.text), "\(history.debugDescription)")
        }
    }

    private static func reference(input: String, output: String, to history: String) -> String {
        var exchange = "> " + History.oneLine(input) + "\n" + History.oneLine(output) + "\n"
        if exchange.unicodeScalars.count > History.maximumScalars {
            exchange = String(String.UnicodeScalarView(exchange.unicodeScalars.suffix(History.maximumScalars)))
        }
        // Lines end at a "\n" scalar not preceded by "\r"; a last line without one gets one.
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in history.unicodeScalars {
            line.append(scalar)
            if scalar == "\n", previous != "\r" {
                lines.append(String(line))
                line = String.UnicodeScalarView()
            }
            previous = scalar
        }
        if !line.isEmpty { lines.append(String(line) + "\n") }
        var kept = 1
        var total = exchange.unicodeScalars.count
        var start = lines.count
        while start > 0 {
            let first = start == 1 ? 0 : start - 2
            let scalars = lines[first..<start].reduce(0) { $0 + $1.unicodeScalars.count }
            guard kept < History.maximumExchanges, total + scalars <= History.maximumScalars else { break }
            kept += 1
            total += scalars
            start = first
        }
        return lines[start...].joined() + exchange
    }
}

/// A small deterministic generator for the property test.
private struct HistoryTestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
