import ParleyWorlds

/// The chatbot demo's overworld (ParlAI's `MessengerOverworld` in the chatbot world set):
/// type `begin` to start or `exit` to leave, compared case-insensitively.
public actor ChatbotOverworld: Overworld {
    static let welcome = "Welcome to the overworld for the ParlAI messenger chatbot demo. "
        + "Please type \"begin\" to start, or \"exit\" to exit"
    static let invalid = "Invalid option. Please type \"begin\"."

    private let agent: PersonAgent
    private let task: String
    private var firstTime = true

    public init(context: WorldContext) {
        agent = context.agent
        // ParlAI's chatbot overworld always picks `default`; a config without one gets its first task.
        task = context.taskNames.contains("default") ? "default" : context.taskNames.first ?? "default"
    }

    public func parley() async throws -> String? {
        if firstTime {
            firstTime = false
            await agent.observe(Message(text: Self.welcome, quickReplies: ["begin", "exit"], id: "Overworld"))
        }
        let act = try await agent.act()
        switch act.text.lowercased() {
        case "exit": return "EXIT"
        case "begin": return task
        default:
            await agent.observe(Message(text: Self.invalid, quickReplies: ["begin"], id: "Overworld"))
            return nil
        }
    }
}
