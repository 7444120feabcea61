import Foundation

/// One named conversation test: steps run from the given starting data, at a fixed time.
public struct ConversationTest: Sendable, Hashable {
    public let name: String
    /// The data the test starts from (`{}` unless the test gives `data:`, an object or its JSON text).
    public let data: ConversationData
    /// The time of every turn (`time:`, ISO 8601), which `{date}` shows; nil: no time.
    public let time: Date?
    public let steps: [ConversationTestStep]
}
