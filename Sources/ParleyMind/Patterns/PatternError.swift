/// A syntax error in a pattern; callers render it as "\(message) at column \(column)".
public struct PatternError: Error, Sendable, Hashable {
    /// The column of the error, counting Unicode scalars (after NFC) from 1.
    public let column: Int
    /// What is wrong, without the position.
    public let message: String

    /// An error at `column` saying `message`.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }
}
