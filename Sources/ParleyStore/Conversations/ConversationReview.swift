import Foundation

/// A reviewer's verdict on a conversation (`/admin`), exported with it.
public struct ConversationReview: Sendable, Hashable, Codable {
    public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
        case accepted, rejected
    }

    public var verdict: Verdict
    public var note: String
    public var time: Date

    public init(verdict: Verdict, note: String = "", time: Date) {
        self.verdict = verdict
        self.note = note
        self.time = time
    }
}
