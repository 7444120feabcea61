import ParleyCore
import ParleyWorlds

/// Onboard data demo onboarding: asks for a name, then a favourite colour.
public actor MessengerOnboardDataOnboardWorld: OnboardWorld {
    private let agent: PersonAgent
    public private(set) var episodeDone = false
    public private(set) var onboardData: [String: JSONValue] = [:]

    public init(context: WorldContext) {
        agent = context.agent
    }

    public func parley() async throws {
        await agent.observe(Message(
            text: "Welcome to the onboarding world the onboarding data demo.\nEnter your name.", id: "Onboarding"
        ))
        onboardData["name"] = .string(try await agent.act().text)
        await agent.observe(Message(text: "\nEnter your favorite color.", id: "Onboarding"))
        onboardData["color"] = .string(try await agent.act().text)
        episodeDone = true
    }
}
