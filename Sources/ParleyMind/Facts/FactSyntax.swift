/// Parses the text forms of facts, fact patterns and conditions (docs/minds-reference.md#facts-and-conditions).
struct FactSyntax {
    /// A syntax error at a column (Unicode scalars from 1) of the parsed text.
    struct SyntaxError: Error, Sendable {
        let column: Int
        let message: String

        var description: String { "\(message) at column \(column)" }
    }

    private let scalars: [Unicode.Scalar]
    private var index: Int

    private init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        index = 0
    }

    // MARK: Entry points

    /// One fact pattern filling the whole text (white space around it allowed).
    static func pattern(_ text: String) throws(SyntaxError) -> FactPattern {
        var parser = FactSyntax(text)
        parser.skipWhiteSpace()
        let pattern = try parser.factPattern()
        parser.skipWhiteSpace()
        try parser.expectEnd()
        return pattern
    }

    /// One condition filling the whole text.
    static func condition(_ text: String) throws(SyntaxError) -> Condition {
        var parser = FactSyntax(text)
        parser.skipWhiteSpace()
        if parser.startsWithNot() {
            parser.index += 3
            parser.skipWhiteSpace()
            let pattern = try parser.factPattern()
            parser.skipWhiteSpace()
            try parser.expectEnd()
            return .absent(pattern)
        }
        if let (position, op) = parser.comparisonOperator() {
            let left = try parser.operand(upTo: position)
            parser.index = position + op.rawValue.unicodeScalars.count
            let right = try parser.operand(upTo: parser.scalars.count)
            return .comparison(left, op, right)
        }
        let pattern = try parser.factPattern()
        parser.skipWhiteSpace()
        try parser.expectEnd()
        return .fact(pattern)
    }

    /// Ground facts separated by white space (the `world` of conversation data).
    static func facts(_ text: String) throws(SyntaxError) -> [Fact] {
        var parser = FactSyntax(text)
        var facts: [Fact] = []
        parser.skipWhiteSpace()
        while parser.index < parser.scalars.count {
            let start = parser.index
            let pattern = try parser.factPattern()
            let isGround = pattern.terms.allSatisfy { term in
                if case .value = term { return true }
                return false
            }
            guard isGround, let fact = pattern.instantiate(Bindings()) else {
                throw SyntaxError(column: start + 1, message: "a fact may hold only values")
            }
            facts.append(fact)
            if parser.index < parser.scalars.count, !parser.scalars[parser.index].isWhiteSpace {
                throw parser.error("expected white space between facts")
            }
            parser.skipWhiteSpace()
        }
        return facts
    }

    /// True for scalars a value may be written bare with.
    static func isBareValueScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", ".", "-": true
        default: false
        }
    }

    /// True for identifiers `[A-Za-z_][A-Za-z0-9_]*`.
    static func isIdentifier(_ text: String) -> Bool {
        isIdentifier(utf8: text.utf8)
    }

    /// True for the UTF-8 bytes of an identifier (an identifier is ASCII, so its bytes tell).
    static func isIdentifier(utf8 bytes: some Collection<UInt8>) -> Bool {
        guard let first = bytes.first, isIdentifierStart(first) else { return false }
        return bytes.allSatisfy { isIdentifierStart($0) || isDigit($0) }
    }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"): true
        default: false
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && isIdentifierStart(UInt8(scalar.value))
    }

    private static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (isIdentifierStart(UInt8(scalar.value)) || isDigit(UInt8(scalar.value)))
    }

    // MARK: Scanning

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func error(_ message: String, at position: Int? = nil) -> SyntaxError {
        SyntaxError(column: (position ?? index) + 1, message: message)
    }

    private mutating func skipWhiteSpace() {
        while let scalar = current, scalar.isWhiteSpace { index += 1 }
    }

    private func expectEnd() throws(SyntaxError) {
        if let scalar = current { throw error("unexpected '\(scalar)'") }
    }

    private func startsWithNot() -> Bool {
        guard index + 3 < scalars.count else { return false }
        return scalars[index] == "n" && scalars[index + 1] == "o" && scalars[index + 2] == "t"
            && scalars[index + 3].isWhiteSpace
    }

    private mutating func identifier(_ what: String) throws(SyntaxError) -> String {
        let start = index
        guard let first = current, Self.isIdentifierStart(first) else {
            throw error(current.map { "expected \(what), found '\($0)'" } ?? "expected \(what)")
        }
        index += 1
        while let scalar = current, Self.isIdentifierScalar(scalar) { index += 1 }
        return ScalarText.string(of: scalars[start..<index])
    }

    private mutating func factPattern() throws(SyntaxError) -> FactPattern {
        let name = try identifier("a fact name")
        guard current == "(" else { return FactPattern(name: name, terms: []) }
        index += 1
        skipWhiteSpace()
        var terms: [Term] = []
        if current == ")" {
            index += 1
            return FactPattern(name: name, terms: terms)
        }
        while true {
            skipWhiteSpace()
            terms.append(try term())
            skipWhiteSpace()
            switch current {
            case ",": index += 1
            case ")":
                index += 1
                return FactPattern(name: name, terms: terms)
            case nil: throw error("missing ')'")
            case let scalar?: throw error("expected ',' or ')', found '\(scalar)'")
            }
        }
    }

    private mutating func term() throws(SyntaxError) -> Term {
        guard let scalar = current else { throw error("expected a value") }
        switch scalar {
        case "\"":
            return .value(try quoted())
        case "?":
            index += 1
            return .variable(try identifier("a variable name after '?'"))
        case "$":
            index += 1
            return .capture("$" + (try identifier("a variable name after '$'")))
        case "{":
            let start = index
            index += 1
            let nameStart = index
            while let inner = current, inner != "}" { index += 1 }
            guard current == "}" else { throw error("unclosed '{'", at: start) }
            let name = ScalarText.string(of: scalars[nameStart..<index])
            index += 1
            guard Self.isCaptureName(name) || Self.isExtendedValueName(name) else {
                throw error("invalid capture '{\(name)}'", at: start)
            }
            return .capture(name)
        default:
            let start = index
            while let inner = current, Self.isBareValueScalar(inner) { index += 1 }
            guard index > start else { throw error("unexpected '\(scalar)'") }
            let text = ScalarText.string(of: scalars[start..<index])
            return text == "_" ? .wildcard : .value(text)
        }
    }

    /// A capture name: an identifier or a positive number.
    /// `$name` (a user variable) or `bot.name` (a bot property): values of version 1.1 minds,
    /// looked up as captures of these names.
    static func isExtendedValueName(_ name: String) -> Bool {
        if name.hasPrefix("$") { return isIdentifier(utf8: name.utf8.dropFirst()) }
        return name.hasPrefix("bot.") && isIdentifier(utf8: name.utf8.dropFirst(4))
    }

    static func isCaptureName(_ name: String) -> Bool {
        isCaptureName(utf8: name.utf8)
    }

    /// True for the UTF-8 bytes of a capture name: an identifier, or decimal digits of a number
    /// from 1 to `Int.max`.
    static func isCaptureName(utf8 bytes: some Collection<UInt8>) -> Bool {
        if isIdentifier(utf8: bytes) { return true }
        guard !bytes.isEmpty else { return false }
        var number = 0
        for byte in bytes {
            guard isDigit(byte) else { return false }
            let (times10, overflow) = number.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times10.addingReportingOverflow(Int(byte &- UInt8(ascii: "0")))
            guard !overflow, !carry else { return false }
            number = sum
        }
        return number >= 1
    }

    /// A JSON string starting at the current quote.
    private mutating func quoted() throws(SyntaxError) -> String {
        let start = index
        guard let (end, text) = ScalarText.quoted(in: scalars, at: start) else {
            throw error("unterminated string", at: start)
        }
        index = end
        switch text {
        case .success(let text): return text
        case .failure(let problem): throw error("invalid string (\(problem.message))", at: start)
        }
    }

    /// The first comparison operator outside strings and braces, if any.
    private func comparisonOperator() -> (Int, ComparisonOperator)? {
        var position = index
        var inString = false
        var inBraces = false
        while position < scalars.count {
            let scalar = scalars[position]
            let next = position + 1 < scalars.count ? scalars[position + 1] : nil
            if inString {
                if scalar == "\\" { position += 1 } else if scalar == "\"" { inString = false }
            } else if inBraces {
                if scalar == "}" { inBraces = false }
            } else {
                switch scalar {
                case "\"": inString = true
                case "{": inBraces = true
                case "!" where next == "=": return (position, .notEqual)
                case "<": return (position, next == "=" ? .lessOrEqual : .less)
                case ">": return (position, next == "=" ? .greaterOrEqual : .greater)
                case "=": return (position, .equal)
                default: break
                }
            }
            position += 1
        }
        return nil
    }

    /// One comparison operand filling the text up to `end`.
    private mutating func operand(upTo end: Int) throws(SyntaxError) -> Term {
        skipWhiteSpace()
        guard index < end else { throw error("missing a value beside the operator") }
        let start = index
        var bounded = FactSyntax(ScalarText.string(of: scalars[0..<end]))
        bounded.index = index
        let term = try bounded.term()
        index = bounded.index
        if term == .wildcard { throw error("'_' cannot be compared", at: start) }
        skipWhiteSpace()
        if index < end { throw error("unexpected '\(scalars[index])'") }
        return term
    }
}
