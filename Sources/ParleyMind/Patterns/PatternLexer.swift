/// Splits a pattern's source (the UTF-8 bytes of its NFC form) into lexemes, each with the
/// column of its first scalar, without copying text: words and captures are byte ranges.
struct PatternLexer {
    /// One lexical piece of a pattern.
    enum Lexeme {
        case open(optional: Bool)
        case close(optional: Bool)
        case bar
        /// A run of scalars without white space, brackets, `|` or braces.
        case word(Range<Int>)
        /// What is between `{` and `}`.
        case capture(Range<Int>)
    }

    /// A lexeme with the column of its first scalar (counting scalars from 1).
    struct Piece {
        let lexeme: Lexeme
        let column: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    /// The column of the scalar at `position`.
    private var column = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The next lexeme, or nil at the end. Throws on an unbalanced brace.
    mutating func next() throws(PatternError) -> Piece? {
        while position < bytes.count, let length = whiteSpaceLength(at: position) {
            position += length
            column += 1
        }
        guard position < bytes.count else { return nil }
        let start = column
        let lexeme: Lexeme
        switch bytes[position] {
        case UInt8(ascii: "("), UInt8(ascii: "["):
            lexeme = .open(optional: bytes[position] == UInt8(ascii: "["))
            step()
        case UInt8(ascii: ")"), UInt8(ascii: "]"):
            lexeme = .close(optional: bytes[position] == UInt8(ascii: "]"))
            step()
        case UInt8(ascii: "|"):
            lexeme = .bar
            step()
        case UInt8(ascii: "}"):
            throw PatternError(column: start, message: "unbalanced '}'")
        case UInt8(ascii: "{"):
            var end = position + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: "}") { end += 1 }
            guard end < bytes.count else { throw PatternError(column: start, message: "unbalanced '{'") }
            lexeme = .capture((position + 1)..<end)
            while position <= end { step() }
        default:
            let wordStart = position
            while position < bytes.count, !isDelimiter(at: position) { step() }
            lexeme = .word(wordStart..<position)
        }
        return Piece(lexeme: lexeme, column: start)
    }

    /// Moves past the scalar at `position`.
    private mutating func step() {
        position += Self.scalarLength(bytes[position])
        column += 1
    }

    /// The length of the scalar at `offset` when it is white space, else nil.
    private func whiteSpaceLength(at offset: Int) -> Int? {
        let lead = bytes[offset]
        if lead < 0x80 { return Unicode.Scalar(lead).isWhiteSpace ? 1 : nil }
        let (scalar, length) = decode(at: offset)
        return scalar.isWhiteSpace ? length : nil
    }

    private func isDelimiter(at offset: Int) -> Bool {
        switch bytes[offset] {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "|"),
             UInt8(ascii: "{"), UInt8(ascii: "}"):
            true
        default:
            whiteSpaceLength(at: offset) != nil
        }
    }

    /// The scalar whose UTF-8 encoding starts at `offset` (the bytes are valid UTF-8), and its length.
    private func decode(at offset: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[offset]
        let length = Self.scalarLength(lead)
        var value = UInt32(lead) & (0xFF >> UInt32(length + 1))
        for index in 1..<length { value = value << 6 | UInt32(bytes[offset + index] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// The byte count of the scalar whose first UTF-8 byte is `lead`.
    private static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    }
}
