import Foundation

/// What the review reads of one stored exchange: the input, the rule that answered and when.
public struct ReviewedExchange: Sendable, Hashable {
    public var input: String
    /// The id of the rule that answered, nil when none did.
    public var rule: String?
    public var time: Date
    /// The studio version that answered, nil for a mind that is not a published version.
    public var version: Int?

    public init(input: String, rule: String?, time: Date, version: Int? = nil) {
        self.input = input
        self.rule = rule
        self.time = time
        self.version = version
    }
}
