/// A failing step of a conversation test: what was expected, what happened, and the turn's trace.
public struct ConversationTestFailure: Sendable, CustomStringConvertible {
    public let test: String
    /// Index of the step in the test, from 0.
    public let step: Int
    public let path: String
    /// The step's input, if it had one.
    public let input: String?
    public let expected: String
    public let actual: String
    /// The trace of the step's turn, if it ran one.
    public let trace: TurnTrace?

    /// A report for people: test, step, expected, actual and the indented trace.
    public var description: String {
        var lines = ["FAIL \(test), step \(step + 1) (\(path))" + (input.map { ": say \"\($0)\"" } ?? "")]
        lines.append("  expected: \(expected)")
        lines.append("  actual:   \(actual)")
        if let trace {
            lines.append("  trace:")
            lines += trace.description.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}
