import ParleyWorlds

/// Chat demo: people paired from the pool talk; `[DONE]` ends the chat for everyone, the others being told.
public actor MessengerChatTaskWorld: TaskWorld {
    static let ended = "The other agent has ended the chat."

    private let agents: [PersonAgent]
    public private(set) var episodeDone = false

    public init(context: WorldContext) {
        agents = context.agents
    }

    /// Each person is shown under the display name they gave in onboarding (else `Agent`).
    public static func assignRoles(_ agents: [PersonAgent]) {
        for agent in agents {
            let name = agent.onboardData["user_name"]?.stringValue ?? ""
            agent.displayID = name.isEmpty ? "Agent" : name
        }
    }

    public func parley() async throws {
        guard let (speaker, act) = try await PersonAgent.firstAct(among: agents) else { return }
        let others = agents.filter { $0 !== speaker }
        if act.text.contains("[DONE]") {
            for other in others { await other.observe(Message(text: Self.ended, id: "World")) }
            episodeDone = true
            return
        }
        for other in others { await other.observe(act) }
    }
}
