import ParleyWorlds

/// The overworld demo's menu: quick replies are the config's task names plus `EXIT`.
///
/// Registered as ParlAI's `MessengerOverworld` (overworld demo) and as `parley.demo.MenuOverworld`.
public actor MenuOverworld: Overworld {
    /// ParlAI's welcome text.
    public static let parlAIWelcome =
        "Welcome to the overworld for the ParlAI messenger demo. Choose one of the demos from the listed quick replies. "
    /// Parley's demo welcome text.
    public static let parleyWelcome = "Welcome to Parley! Choose one of the demos from the listed quick replies."
    static let invalid = "Invalid option. Choose one of the demos from the listed quick replies. "

    private let agent: PersonAgent
    private let choices: [String]
    private let welcome: String
    private var firstTime = true

    public init(context: WorldContext) {
        self.init(context: context, welcome: Self.parlAIWelcome)
    }

    public init(context: WorldContext, welcome: String) {
        agent = context.agent
        choices = context.taskNames
        self.welcome = welcome
    }

    public func parley() async throws -> String? {
        let menu = choices + ["EXIT"]
        if firstTime {
            firstTime = false
            await agent.observe(Message(text: welcome, quickReplies: menu, id: "Overworld"))
        }
        let act = try await agent.act()
        if act.text.uppercased() == "EXIT" { return "EXIT" }
        if choices.contains(act.text) {
            await agent.observe(Message(text: "Transferring to " + act.text, id: "Overworld"))
            return act.text
        }
        await agent.observe(Message(text: Self.invalid, quickReplies: menu, id: "Overworld"))
        return nil
    }
}
