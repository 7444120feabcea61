import Foundation
import ParleyCore

/// One run of a world: who took part, how it ended, the ratings its people gave and its review.
public struct ConversationRecord: Sendable, Hashable, Codable {
    /// Which part of a person's journey a world is.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case overworld, onboarding, task
    }

    /// The world instance's id, as in its messages and results.
    public var worldID: String
    /// The task name from the config, or `overworld`.
    public var task: String
    /// The world's registered name.
    public var world: String
    public var role: Role
    /// The people, bots and operators who took part, in the order they joined.
    public var participants: [ConversationParticipant]
    public var started: Date
    /// When the world ended; nil while it runs (or when the server stopped before recording it).
    public var ended: Date?
    /// Why the world ended; nil while it runs.
    public var ending: ConversationEnding?
    /// What its people said of it at the end (a task's `rating`).
    public var ratings: [ConversationRating]
    /// The reviewer's verdict; nil until reviewed.
    public var review: ConversationReview?

    public init(
        worldID: String, task: String, world: String, role: Role, participants: [ConversationParticipant],
        started: Date, ended: Date? = nil, ending: ConversationEnding? = nil, ratings: [ConversationRating] = [],
        review: ConversationReview? = nil
    ) {
        self.worldID = worldID
        self.task = task
        self.world = world
        self.role = role
        self.participants = participants
        self.started = started
        self.ended = ended
        self.ending = ending
        self.ratings = ratings
        self.review = review
    }

    /// The ids of the people (not bots or operators) who took part.
    public var personIDs: [String] {
        participants.filter { $0.kind == .person }.map(\.id)
    }
}

extension ConversationRecord {
    /// The conversation with a person erased: their id and name become ``EraseReport/placeholder``,
    /// their onboarding data and ratings are gone.
    public func erasing(_ personID: String) -> ConversationRecord {
        var copy = self
        copy.participants = participants.map { participant in
            guard participant.kind == .person, participant.id == personID else { return participant }
            return ConversationParticipant(
                id: EraseReport.placeholder, name: EraseReport.placeholder, kind: .person, service: participant.service)
        }
        copy.ratings.removeAll { $0.personID == personID }
        return copy
    }

    /// True when someone other than `personID` took part as a person, in the record or in
    /// `messagePeople` (the people lists of the world's messages): erasing `personID` then keeps the
    /// world for them; otherwise the whole world goes.
    public static func isShared(by personID: String, conversation: ConversationRecord?, messagePeople: [[String]]) -> Bool {
        var others = Set(conversation?.personIDs ?? [])
        for people in messagePeople { others.formUnion(people) }
        others.remove(personID)
        others.remove(EraseReport.placeholder)
        return !others.isEmpty
    }
}
