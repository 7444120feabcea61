/// One named conversation test: steps run from the given starting data.
public struct ConversationTest: Sendable, Hashable {
    public let name: String
    /// The data the test starts from (`{}` unless the test gives `data:`).
    public let data: ConversationData
    public let steps: [ConversationTestStep]
}
