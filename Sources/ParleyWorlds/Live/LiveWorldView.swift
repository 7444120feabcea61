import Foundation
import ParleyStore

/// A running world as the live view shows it: who is in it, whether an operator stepped in, and its
/// latest messages.
public struct LiveWorldView: Sendable, Hashable {
    public var worldID: String
    public var task: String
    public var world: String
    public var role: ConversationRecord.Role
    public var started: Date
    public var participants: [ConversationParticipant]
    /// The operator's name while one is in the world.
    public var operatorName: String?
    /// True while the world's bots are paused for the operator.
    public var botsPaused: Bool
    /// The latest recorded messages, oldest first (at most ``LiveWorlds/recentLimit``).
    public var recent: [MessageRecord]
}
