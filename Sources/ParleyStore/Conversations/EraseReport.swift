import Foundation

/// What erasing a person removed, as kept in the erase audit.
public struct EraseReport: Sendable, Hashable, Codable {
    public var personID: String
    /// Who asked: `cli`, `admin`, `person` (the page's own erase), `retention`.
    public var actor: String
    public var time: Date
    /// Rows touched by kind: `messages` (their own, removed), `mentions` (others' records where
    /// their id became the placeholder), `results`, `conversations`, `consent`, `user_state`, `exchanges`.
    public var rows: [String: Int]

    public init(personID: String, actor: String, time: Date, rows: [String: Int]) {
        self.personID = personID
        self.actor = actor
        self.time = time
        self.rows = rows
    }

    /// The id that replaces an erased person's in records others keep.
    public static let placeholder = "[erased]"

    /// How many rows were touched in all.
    public var total: Int { rows.values.reduce(0, +) }
}
