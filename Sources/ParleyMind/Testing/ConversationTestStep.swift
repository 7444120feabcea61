/// One step of a conversation test: an input and/or checks on the output and data.
public struct ConversationTestStep: Sendable, Hashable {
    /// The input of this turn; nil for a step that only checks data.
    public let say: String?
    /// Outputs any one of which passes; nil when not checked.
    public let expect: [String]?
    /// A regular expression the output must contain a match of; nil when not checked.
    public let match: String?
    /// Facts that must all be in the world (canonical text).
    public var facts: [String] { expectedFacts.map(\.description) }
    let expectedFacts: [Fact]
    /// Facts that must not be in the world (written `not X(y)`), canonical text.
    public var absent: [String] { absentFacts.map(\.description) }
    let absentFacts: [Fact]
    /// Expected active state per model (nil: no state); nil when not checked.
    public let states: [String: String?]?
    /// Whether `idle` is checked, and its expected value (nil: absent).
    public let idle: Double??
    /// Where the step is in the test file, e.g. `tests[0].steps[2]`.
    public let path: String
}
