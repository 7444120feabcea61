/// The outcome of one conversation test.
public struct ConversationTestResult: Sendable {
    public let test: String
    /// Every failing check; empty when the test passed.
    public let failures: [ConversationTestFailure]
    /// The id of the rule that answered each input, in order (nil where none did): for coverage.
    public let answeredBy: [String?]

    public var passed: Bool { failures.isEmpty }
}
