import Foundation

/// What the store keeps for one user of one mind between requests.
public struct UserRecord: Sendable, Hashable {
    /// The mind's conversation state, as JSON text.
    public var data: String
    /// When the user's last exchange happened.
    public var lastActivity: Date

    public init(data: String, lastActivity: Date) {
        self.data = data
        self.lastActivity = lastActivity
    }
}
