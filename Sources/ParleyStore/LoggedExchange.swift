import Foundation

/// An exchange read back from a user's transcript.
public struct LoggedExchange: Sendable, Hashable {
    /// The store's sequence number; pass it as `after` to read the next page.
    public var id: Int64
    public var mind: String
    public var userID: String
    public var input: String
    public var output: String
    public var time: Date
    /// The id of the rule that answered, nil when none did (or it was not recorded).
    public var rule: String?

    public init(id: Int64, mind: String, userID: String, input: String, output: String, time: Date, rule: String? = nil) {
        self.id = id
        self.mind = mind
        self.userID = userID
        self.input = input
        self.output = output
        self.time = time
        self.rule = rule
    }
}
