import Foundation

/// Which conversations to list or export; every set field narrows the list.
public struct ConversationQuery: Sendable, Hashable {
    /// Only these roles (task worlds by default).
    public var roles: Set<ConversationRecord.Role>
    public var task: String?
    /// Only worlds started at or after this time.
    public var since: Date?
    /// Only worlds started before this time.
    public var until: Date?
    /// Only worlds this person took part in.
    public var personID: String?
    /// Only worlds that ended `completed`.
    public var completedOnly: Bool
    /// Only worlds with this review verdict.
    public var verdict: ConversationReview.Verdict?
    /// Only worlds with no review yet.
    public var unreviewedOnly: Bool
    /// At most this many, newest first when set; every match, oldest first, when nil.
    public var limit: Int?

    public init(
        roles: Set<ConversationRecord.Role> = [.task], task: String? = nil, since: Date? = nil, until: Date? = nil,
        personID: String? = nil, completedOnly: Bool = false, verdict: ConversationReview.Verdict? = nil,
        unreviewedOnly: Bool = false, limit: Int? = nil
    ) {
        self.roles = roles
        self.task = task
        self.since = since
        self.until = until
        self.personID = personID
        self.completedOnly = completedOnly
        self.verdict = verdict
        self.unreviewedOnly = unreviewedOnly
        self.limit = limit
    }
}
