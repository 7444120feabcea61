import Foundation

/// One request of the reply API and its answer, as written to the user's transcript.
public struct Exchange: Sendable, Hashable {
    public var input: String
    public var output: String
    public var time: Date
    /// The id of the rule that answered the input, nil when none did.
    public var rule: String?
    /// The studio version of the mind that answered, nil for a mind that is not a published version.
    public var version: Int?

    public init(input: String, output: String, time: Date, rule: String? = nil, version: Int? = nil) {
        self.input = input
        self.output = output
        self.time = time
        self.rule = rule
        self.version = version
    }
}
