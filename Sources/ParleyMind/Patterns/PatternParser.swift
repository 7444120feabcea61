/// Parses pattern source text into elements (mind language section 3).
struct PatternParser {
    /// One lexical piece of a pattern, with the column of its first scalar.
    private enum Lexeme {
        case open(optional: Bool)
        case close(optional: Bool)
        case bar
        case word(String)
        case capture(String)
    }

    /// A lexeme with the column of its first scalar.
    private struct Piece {
        let lexeme: Lexeme
        let column: Int
    }

    /// The result of parsing.
    struct Parsed {
        var sequence: [PatternNode]
        var isControl: Bool
        var positionalCount: Int
    }

    private let concepts: ConceptTable
    private var lexemes: [Piece] = []
    private var position = 0
    private var positionalCount = 0
    /// How many groups enclose the current position.
    private var depth = 0
    /// The deepest nesting of groups allowed, so that deep nesting is an error, not a stack overflow.
    static let maxDepth = 32

    private init(scalars: [Unicode.Scalar], concepts: ConceptTable) throws(PatternError) {
        self.concepts = concepts
        self.lexemes = try Self.lex(scalars)
    }

    /// Parses `source` (any normalization form); columns count scalars of its NFC form.
    static func parse(_ source: String, concepts: ConceptTable) throws(PatternError) -> Parsed {
        var parser = try PatternParser(scalars: Array(TextNormalizer.nfc(source).unicodeScalars), concepts: concepts)
        guard !parser.lexemes.isEmpty else { throw PatternError(column: 1, message: "empty pattern") }
        var sequence = try parser.parseAlternatives(inGroupOpenedBy: nil)[0]
        var isControl = false
        if sequence.count == 1, case .group(let alternatives, optional: true) = sequence[0] {
            isControl = true
            sequence = alternatives.count == 1 ? alternatives[0] : [.group(alternatives: alternatives, optional: false)]
        }
        return Parsed(sequence: sequence, isControl: isControl, positionalCount: parser.positionalCount)
    }

    // MARK: Lexing

    private static func lex(_ scalars: [Unicode.Scalar]) throws(PatternError) -> [Piece] {
        var result: [Piece] = []
        // At most one piece per two scalars but for brackets; reserved once instead of grown.
        result.reserveCapacity(scalars.count / 2 + 4)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let column = index + 1
            switch scalar {
            case _ where scalar.isWhiteSpace: index += 1
            case "(", "[": result.append(Piece(lexeme: .open(optional: scalar == "["), column: column)); index += 1
            case ")", "]": result.append(Piece(lexeme: .close(optional: scalar == "]"), column: column)); index += 1
            case "|": result.append(Piece(lexeme: .bar, column: column)); index += 1
            case "}": throw PatternError(column: column, message: "unbalanced '}'")
            case "{":
                guard let end = scalars[index...].firstIndex(of: "}") else {
                    throw PatternError(column: column, message: "unbalanced '{'")
                }
                result.append(Piece(lexeme: .capture(string(scalars[(index + 1)..<end])), column: column))
                index = end + 1
            default:
                var end = index
                while end < scalars.count, !isDelimiter(scalars[end]) { end += 1 }
                result.append(Piece(lexeme: .word(string(scalars[index..<end])), column: column))
                index = end
            }
        }
        return result
    }

    private static func isDelimiter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "(", ")", "[", "]", "|", "{", "}": true
        default: scalar.isWhiteSpace
        }
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        ScalarText.string(of: scalars)
    }

    // MARK: Parsing

    /// Parses the alternatives of the group whose opening bracket was just read, up to and
    /// including its closing bracket; with no opener, parses the whole rest as one sequence.
    private mutating func parseAlternatives(
        inGroupOpenedBy opener: (optional: Bool, column: Int)?
    ) throws(PatternError) -> [[PatternNode]] {
        var alternatives: [[PatternNode]] = []
        var current: [PatternNode] = []
        while position < lexemes.count {
            let lexeme = lexemes[position].lexeme, column = lexemes[position].column
            position += 1
            switch lexeme {
            case .bar:
                guard opener != nil else { throw PatternError(column: column, message: "'|' outside a group") }
                guard !current.isEmpty else { throw PatternError(column: column, message: "empty alternative") }
                alternatives.append(current)
                current = []
            case .close(let closesOptional):
                let closer = closesOptional ? "]" : ")"
                guard let opener else { throw PatternError(column: column, message: "unbalanced '\(closer)'") }
                guard closesOptional == opener.optional else {
                    throw PatternError(
                        column: column,
                        message: "'\(closer)' does not close '\(opener.optional ? "[" : "(")' of column \(opener.column)")
                }
                guard !current.isEmpty else {
                    throw PatternError(column: column, message: alternatives.isEmpty ? "empty group" : "empty alternative")
                }
                alternatives.append(current)
                return alternatives
            case .open(let optional):
                depth += 1
                guard depth <= Self.maxDepth else {
                    throw PatternError(column: column, message: "groups nested more than \(Self.maxDepth) deep")
                }
                defer { depth -= 1 }
                let inside = try parseAlternatives(inGroupOpenedBy: (optional, column))
                current.append(.group(alternatives: inside, optional: optional))
            case .word(let word):
                current.append(try element(word: word, column: column))
            case .capture(let content):
                current.append(try capture(content, column: column))
            }
        }
        if let opener {
            throw PatternError(column: opener.column, message: "unbalanced '\(opener.optional ? "[" : "(")'")
        }
        return [current]
    }

    private mutating func element(word: String, column: Int) throws(PatternError) -> PatternNode {
        switch word {
        case "*": return positional(.any)
        case "+": return positional(.some)
        case "_": return positional(.one)
        case "#": return positional(.number)
        default: break
        }
        if word.hasPrefix("~") {
            let name = String(word.dropFirst())
            guard !name.isEmpty else { throw PatternError(column: column, message: "missing concept name after '~'") }
            guard let entries = concepts.preferredEntries(name) else {
                throw PatternError(column: column, message: "unknown concept \"~\(name)\"")
            }
            return .concept(name: name, entries: entries)
        }
        let match = TextNormalizer.matchForm(of: word)
        guard !match.isEmpty else {
            throw PatternError(column: column, message: "pattern word \"\(word)\" is only punctuation")
        }
        return .word(match)
    }

    private mutating func positional(_ kind: PatternNode.Kind) -> PatternNode {
        positionalCount += 1
        return .wildcard(kind, .positional(positionalCount - 1))
    }

    private func capture(_ content: String, column: Int) throws(PatternError) -> PatternNode {
        let parts = content.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0])
        guard Self.isIdentifier(name) else {
            throw PatternError(column: column, message: "bad capture name \"\(name)\"")
        }
        let kind: PatternNode.Kind
        switch parts.count == 2 ? String(parts[1]) : "+" {
        case "*": kind = .any
        case "+": kind = .some
        case "_": kind = .one
        case "#": kind = .number
        case let other:
            throw PatternError(column: column, message: "bad capture kind \"\(other)\" (use *, +, _ or #)")
        }
        return .wildcard(kind, .named(name))
    }

    /// Whether `name` matches `[A-Za-z_][A-Za-z0-9_]*`.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0.isASCIILetter || ("0"..."9").contains($0) }
    }
}

private extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
