import ParleyWorlds

/// Thanks the person, and lets them go.
public actor ThanksTaskWorld: TaskWorld {
    static let thanks = "Thank you! Your answers are saved."

    private let agent: PersonAgent
    public private(set) var episodeDone = false

    public init(context: WorldContext) {
        agent = context.agent
    }

    public func parley() async throws {
        await agent.observe(Message(text: Self.thanks, id: "Survey"))
        agent.data["next_task"] = "EXIT"
        episodeDone = true
    }
}
