import Foundation

/// What the review reads of one stored exchange: the input, the rule that answered and when.
public struct ReviewedExchange: Sendable, Hashable {
    public var input: String
    /// The id of the rule that answered, nil when none did.
    public var rule: String?
    public var time: Date

    public init(input: String, rule: String?, time: Date) {
        self.input = input
        self.rule = rule
        self.time = time
    }
}
