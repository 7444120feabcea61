import Foundation
import ParleyCore

/// One message said in a world, as stored in the transcript.
public struct MessageRecord: Sendable, Hashable, Codable {
    /// Unique id of the world instance the message was said in.
    public var worldID: String
    /// The task name from the config (`echo`, `chat`, ...), or `overworld`.
    public var task: String
    /// The world's registered class name.
    public var world: String
    /// Ids of the people in the world.
    public var people: [String]
    /// Who said it: a person id, a bot's name, or `World`.
    public var speaker: String
    public var text: String
    public var payload: JSONValue?
    public var time: Date

    public init(
        worldID: String, task: String, world: String, people: [String],
        speaker: String, text: String, payload: JSONValue? = nil, time: Date
    ) {
        self.worldID = worldID
        self.task = task
        self.world = world
        self.people = people
        self.speaker = speaker
        self.text = text
        self.payload = payload
        self.time = time
    }
}
