extension Unicode.Scalar {
    /// Whether the scalar is Unicode White_Space (ASCII answered without a property lookup).
    var isWhiteSpace: Bool {
        isASCII ? value == 0x20 || (0x09...0x0D).contains(value) : properties.isWhitespace
    }
}
