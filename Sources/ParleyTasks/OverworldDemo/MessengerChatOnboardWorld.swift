import ParleyCore
import ParleyWorlds

/// Chat demo onboarding: asks for a display name and explains `[DONE]`.
public actor MessengerChatOnboardWorld: OnboardWorld {
    private let agent: PersonAgent
    public private(set) var episodeDone = false
    public private(set) var onboardData: [String: JSONValue] = [:]

    public init(context: WorldContext) {
        agent = context.agent
    }

    public func parley() async throws {
        await agent.observe(Message(
            text: "Welcome to the onboarding world free chat. Enter your display name.", id: "Onboarding"
        ))
        onboardData["user_name"] = .string(try await agent.act().text)
        await agent.observe(Message(
            text: "You will be matched with a random person. Say [DONE] to end the chat.", id: "Onboarding"
        ))
        episodeDone = true
    }
}
