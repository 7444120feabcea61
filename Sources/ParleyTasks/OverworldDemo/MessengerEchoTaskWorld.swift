import ParleyWorlds

/// Echo demo: every message comes back from `World`; a message containing `[DONE]` ends it, and
/// a menu button naming a task (a Messenger postback) leaves for that task. It continues after a
/// restart: it keeps nothing between messages.
public actor MessengerEchoTaskWorld: RestorableWorld {
    /// Nothing: each step stands alone.
    public struct State: Codable, Sendable {}

    private let agent: PersonAgent
    private let taskNames: [String]
    public private(set) var episodeDone = false

    public init(context: WorldContext) {
        agent = context.agent
        taskNames = context.taskNames
    }

    public init(context: WorldContext, restoring state: State) {
        self.init(context: context)
    }

    public func state() -> State {
        State()
    }

    public static func assignRoles(_ agents: [PersonAgent]) {
        agents.first?.displayID = "EchoAgent"
    }

    public func parley() async throws {
        var act = try await agent.act()
        if act.text.contains("[DONE]") {
            episodeDone = true
            return
        }
        if let task = act.postback {
            if taskNames.contains(task) {
                agent.data["next_task"] = .string(task)
                episodeDone = true
                return
            }
            act.payload = nil
        }
        act.id = "World"
        await agent.observe(act)
    }
}
