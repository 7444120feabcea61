import Foundation
import ParleyCore

/// What a world collected, saved once when it shuts down (e.g. QA pairs, onboarding answers).
public struct WorldResult: Sendable, Hashable, Codable {
    /// Unique id of the world instance.
    public var worldID: String
    /// The task name from the config.
    public var task: String
    /// The world's registered class name.
    public var world: String
    /// Ids of the people in the world.
    public var people: [String]
    /// The collected data, as the world defines it.
    public var data: JSONValue
    public var time: Date

    public init(worldID: String, task: String, world: String, people: [String], data: JSONValue, time: Date) {
        self.worldID = worldID
        self.task = task
        self.world = world
        self.people = people
        self.data = data
        self.time = time
    }
}
