/// One named conversation test: steps run from the given starting data.
public struct ConversationTest: Sendable, Hashable {
    public let name: String
    /// The data the test starts from (`{}` unless the test gives `data:`, an object or its JSON text).
    public let data: ConversationData
    public let steps: [ConversationTestStep]
}
