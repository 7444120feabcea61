import ParleyWorlds

/// Echo demo: every message comes back from `World`; a message containing `[DONE]` ends it.
public actor MessengerEchoTaskWorld: TaskWorld {
    private let agent: PersonAgent
    public private(set) var episodeDone = false

    public init(context: WorldContext) {
        agent = context.agent
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
        act.id = "World"
        await agent.observe(act)
    }
}
