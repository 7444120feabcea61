import ParleyWorlds

/// QA data collection onboarding: explains the task the first time a person does it.
public actor QADataCollectionOnboardWorld: OnboardWorld {
    static let intro = "Welcome! You will be shown a paragraph. Please write a question about it, "
        + "then give the answer to your question."

    private let agent: PersonAgent
    public private(set) var episodeDone = false

    public init(context: WorldContext) {
        agent = context.agent
    }

    public func parley() async {
        if agent.data[QADataCollectionTaskWorld.countKey] == nil {
            await agent.observe(Message(text: Self.intro, id: QADataCollectionTaskWorld.collectorID))
        }
        episodeDone = true
    }
}
