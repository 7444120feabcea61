import ParleyCore
import ParleyWorlds

/// Says what is recorded and why, and asks for consent; the task world reads the answer from
/// `onboardData["consent"]`.
public actor SurveyOnboardWorld: OnboardWorld {
    static let notice = "This survey records your answers and this conversation, to learn what makes "
        + "chatbots useful. Nothing else about you is kept, and you may stop at any time. Do you agree?"
    static let choices = ["I agree", "No thanks"]

    private let agent: PersonAgent
    public private(set) var onboardData: [String: JSONValue] = [:]
    public private(set) var episodeDone = false

    public init(context: WorldContext) {
        agent = context.agent
    }

    public func parley() async throws {
        await agent.observe(Message(text: Self.notice, quickReplies: Self.choices, id: "Survey"))
        let act = try await agent.act()
        onboardData["consent"] = .bool(act.text.caseInsensitiveCompare("I agree") == .orderedSame)
        episodeDone = true
    }
}
