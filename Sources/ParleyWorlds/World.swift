import ParleyCore

/// A world: the logic of one conversation, stepped by `parley` until its episode is done.
///
/// Worlds are actors. A step usually awaits an agent's `act()` and passes messages on with
/// `observe(_:)`; nothing polls. When the episode ends (or the world is stopped early because a
/// person left, timed out, or the server shuts down), `shutdown` is called exactly once.
public protocol World: Actor {
    /// One step of the conversation.
    func parley() async throws
    /// True once the conversation is over.
    var episodeDone: Bool { get }
    /// Called once when the world ends; where a world saves what it collected.
    func shutdown() async
}

extension World {
    public func shutdown() async {}
}

/// A world run once each time a person picks a task, before the task's pool.
public protocol OnboardWorld: World {
    init(context: WorldContext) throws
    /// What onboarding collected; task worlds see it as the person's `onboardData`.
    var onboardData: [String: JSONValue] { get }
}

extension OnboardWorld {
    public var onboardData: [String: JSONValue] { [:] }
}

/// The world of a task: `agents_required` people matched from the task's pool, and any bots.
public protocol TaskWorld: World {
    init(context: WorldContext) throws
    /// Sets the people's display ids before the world is made (ParlAI's `assign_roles`).
    static func assignRoles(_ agents: [PersonAgent])
}

extension TaskWorld {
    /// Everyone is shown as `Agent`.
    public static func assignRoles(_ agents: [PersonAgent]) {
        for agent in agents { agent.displayID = "Agent" }
    }
}

/// The world a person is in between tasks: usually a menu.
public protocol Overworld: Actor {
    init(context: WorldContext) throws
    /// One step: nil to stay, a task name from the config to go there, or `"EXIT"` to leave.
    func parley() async throws -> String?
    /// Called once when the person leaves the overworld.
    func shutdown() async
}

extension Overworld {
    public func shutdown() async {}
}
