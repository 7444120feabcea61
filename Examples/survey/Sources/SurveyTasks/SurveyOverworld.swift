import ParleyWorlds

/// The survey's entrance: offers the survey or leaving; returns the task name `survey` or `EXIT`.
public actor SurveyOverworld: Overworld {
    static let welcome = "Hello! Would you take a three-question survey about chatbots?"
    static let choices = ["begin", "EXIT"]

    private let agent: PersonAgent

    public init(context: WorldContext) {
        agent = context.agent
    }

    public func parley() async throws -> String? {
        await agent.observe(Message(text: Self.welcome, quickReplies: Self.choices, id: "Survey"))
        let act = try await agent.act()
        switch act.text.lowercased() {
        case "begin": return "survey"
        case "exit": return "EXIT"
        default: return nil  // asked again
        }
    }
}
