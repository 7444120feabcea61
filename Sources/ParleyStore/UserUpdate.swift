import Foundation

/// What one exchange changes for a user: the new record and the exchange to log.
public struct UserUpdate: Sendable, Hashable {
    /// The mind's new conversation state, as JSON text.
    public var data: String
    public var lastActivity: Date
    public var exchange: Exchange

    public init(data: String, lastActivity: Date, exchange: Exchange) {
        self.data = data
        self.lastActivity = lastActivity
        self.exchange = exchange
    }
}
