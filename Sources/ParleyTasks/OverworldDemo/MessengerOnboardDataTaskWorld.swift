import ParleyWorlds

/// Onboard data demo: repeats what onboarding collected, then ends.
public actor MessengerOnboardDataTaskWorld: TaskWorld {
    private let agent: PersonAgent
    public private(set) var episodeDone = false

    public init(context: WorldContext) {
        agent = context.agent
    }

    public static func assignRoles(_ agents: [PersonAgent]) {
        agents.first?.displayID = "DataAgent"
    }

    public func parley() async {
        let data = agent.onboardData
        let name = data["name"]?.stringValue ?? "(not given)"
        let color = data["color"]?.stringValue ?? "(not given)"
        await agent.observe(Message(
            text: "During onboarding, you said your name was \(name) and your favorite color was \(color)", id: "World"
        ))
        episodeDone = true
    }
}
