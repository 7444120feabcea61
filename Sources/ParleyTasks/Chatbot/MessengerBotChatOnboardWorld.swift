import ParleyWorlds

/// The chatbot demo's onboarding: nothing to do.
public actor MessengerBotChatOnboardWorld: OnboardWorld {
    public private(set) var episodeDone = false

    public init(context: WorldContext) {}

    public func parley() {
        episodeDone = true
    }
}
