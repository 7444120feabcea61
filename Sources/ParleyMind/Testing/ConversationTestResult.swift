/// The outcome of one conversation test.
public struct ConversationTestResult: Sendable {
    public let test: String
    /// Every failing check; empty when the test passed.
    public let failures: [ConversationTestFailure]

    public var passed: Bool { failures.isEmpty }
}
