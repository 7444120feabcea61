import ParleyWorlds

/// Echo demo onboarding: explains that `[DONE]` finishes.
public actor MessengerEchoOnboardWorld: OnboardWorld {
    private let agent: PersonAgent
    public private(set) var episodeDone = false

    public init(context: WorldContext) {
        agent = context.agent
    }

    public func parley() async {
        await agent.observe(Message(
            text: "Welcome to the onboarding world for our echo bot. The next message you send will be echoed. "
                + "Use [DONE] to finish the chat.",
            id: "Onboarding"
        ))
        episodeDone = true
    }
}
