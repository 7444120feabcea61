import Foundation

/// A person's answer to the config's `consent` notice: the one thing kept of a person who declines.
public struct ConsentRecord: Sendable, Hashable, Codable {
    public var personID: String
    public var agreed: Bool
    /// The notice's `version` they answered.
    public var version: Int
    public var time: Date

    public init(personID: String, agreed: Bool, version: Int, time: Date) {
        self.personID = personID
        self.agreed = agreed
        self.version = version
        self.time = time
    }
}
