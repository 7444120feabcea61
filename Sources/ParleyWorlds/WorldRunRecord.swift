import Foundation
import ParleyCore

/// What the runtime saves of a restorable world: enough to make it again with its people.
struct WorldRunRecord: Codable, Sendable {
    /// One person in the world.
    struct Member: Codable, Sendable {
        let personID: String
        let service: String
        /// What the person's session is found by after a restart (``PersonChannel/resumeKey``).
        var resumeKey: String?
        var displayID: String
        var data: [String: JSONValue]
        var onboardData: [String: JSONValue]
        /// False when the person declined a consent notice that is not required.
        let recorded: Bool
        /// How many messages went out to the person before `pending`.
        var delivered: Int
        /// Messages sent to the person and not yet delivered, in order.
        var pending: [Message]
        /// The service's number of the last message of the person's that the world took (the
        /// chat page's `seq`), when the service numbers them.
        var received: Int?
    }

    let task: String
    let world: String
    let started: Date
    var state: JSONValue
    var members: [Member]
}
