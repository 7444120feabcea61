/// An exact decimal number written `-?[0-9]+(\.[0-9]+)?`, for comparisons in conditions.
struct DecimalNumber: Comparable, Sendable {
    private let negative: Bool
    /// Integer digits without leading zeros.
    private let integer: [UInt8]
    /// Fraction digits without trailing zeros.
    private let fraction: [UInt8]

    /// Parses the text; nil when it is not such a number.
    init?(_ text: String) {
        var bytes = Array(text.utf8)
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes.removeFirst()
        }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard parts.allSatisfy({ $0.allSatisfy(isDigit) }) else { return nil }
        integer = Array(parts[0].drop { $0 == UInt8(ascii: "0") })
        var fraction = parts.count == 2 ? Array(parts[1]) : []
        while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        self.fraction = fraction
        self.negative = negative && !(integer.isEmpty && fraction.isEmpty)
    }

    /// True below zero.
    var isNegative: Bool { negative }

    static func < (left: DecimalNumber, right: DecimalNumber) -> Bool {
        if left.negative != right.negative { return left.negative }
        return left.negative ? right.magnitudeLess(than: left) : left.magnitudeLess(than: right)
    }

    private func magnitudeLess(than other: DecimalNumber) -> Bool {
        if integer.count != other.integer.count { return integer.count < other.integer.count }
        if integer != other.integer { return integer.lexicographicallyPrecedes(other.integer) }
        return fraction.lexicographicallyPrecedes(other.fraction)
    }
}
