import Foundation

/// The arithmetic of `{= ...}` (docs/minds-reference.md#functions): numbers, `+ - * / %`,
/// unary minus and parentheses, in exact decimals.
struct Arithmetic {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    private init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// The value of `text` written as a number (no exponent, trailing zeros dropped), or nil when
    /// it is not arithmetic or divides by zero.
    static func evaluate(_ text: String) -> String? {
        var parser = Arithmetic(text)
        guard let value = parser.sum(), parser.atEnd else { return nil }
        return written(value)
    }

    /// A decimal as text: at most 10 places, no exponent, `-0` as `0`.
    static func written(_ value: Decimal) -> String {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 10, .plain)
        let text = rounded.description
        return text == "-0" ? "0" : text
    }

    private var atEnd: Bool {
        mutating get {
            skipWhiteSpace()
            return index == scalars.count
        }
    }

    private mutating func skipWhiteSpace() {
        while index < scalars.count, scalars[index].isWhiteSpace { index += 1 }
    }

    private mutating func next(_ choices: Set<Unicode.Scalar>) -> Unicode.Scalar? {
        skipWhiteSpace()
        guard index < scalars.count, choices.contains(scalars[index]) else { return nil }
        index += 1
        return scalars[index - 1]
    }

    private mutating func sum() -> Decimal? {
        guard var value = product() else { return nil }
        while let op = next(["+", "-"]) {
            guard let right = product() else { return nil }
            value = op == "+" ? value + right : value - right
        }
        return value
    }

    private mutating func product() -> Decimal? {
        guard var value = unary() else { return nil }
        while let op = next(["*", "/", "%"]) {
            guard let right = unary() else { return nil }
            switch op {
            case "*": value *= right
            case "/":
                guard right != 0 else { return nil }
                value /= right
            default:
                guard right != 0 else { return nil }
                var quotient = value / right
                var whole = Decimal()
                NSDecimalRound(&whole, &quotient, 0, .down)
                value -= whole * right
            }
        }
        return value
    }

    private mutating func unary() -> Decimal? {
        if next(["-"]) != nil { return unary().map { -$0 } }
        if next(["+"]) != nil { return unary() }
        if next(["("]) != nil {
            guard let value = sum(), next([")"]) != nil else { return nil }
            return value
        }
        skipWhiteSpace()
        let start = index
        while index < scalars.count, ("0"..."9").contains(scalars[index]) || scalars[index] == "." { index += 1 }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        guard !text.isEmpty, DecimalNumber(text) != nil || DecimalNumber("0" + text) != nil else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
