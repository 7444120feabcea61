import Foundation

/// A person's answer to a task's `rating` question at the end of a completed world.
public struct ConversationRating: Sendable, Hashable, Codable {
    public var personID: String
    /// From 1 to the task's scale.
    public var score: Int
    /// The free-text comment, when asked for and given.
    public var comment: String?
    public var time: Date

    public init(personID: String, score: Int, comment: String? = nil, time: Date) {
        self.personID = personID
        self.score = score
        self.comment = comment
        self.time = time
    }
}
