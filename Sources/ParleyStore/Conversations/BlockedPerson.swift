import Foundation

/// A person kept out of every task (Mephisto's block list), with the reviewer's reason.
public struct BlockedPerson: Sendable, Hashable, Codable {
    public var personID: String
    public var note: String
    public var time: Date

    public init(personID: String, note: String = "", time: Date) {
        self.personID = personID
        self.note = note
        self.time = time
    }
}
