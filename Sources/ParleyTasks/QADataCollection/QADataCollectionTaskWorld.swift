import ParleyCore
import ParleyWorlds

/// QA data collection: shows a paragraph, asks for a question about it, then for the answer.
///
/// At `shutdown` the pair is saved as a world result
/// (`{"paragraph_id", "title", "context", "question", "answer"}`). Then the person may go on to the
/// next paragraph or stop.
public actor QADataCollectionTaskWorld: TaskWorld {
    static let collectorID = "QA Collector"
    /// How many pairs the person has written, kept in their data.
    static let countKey = "qa_pairs_collected"
    static let askQuestion = "Please provide a question given this context."
    static let askAnswer = "Thanks. And what is the answer to your question?"
    static let another = "Thank you, your question and answer are saved. Would you like another paragraph?"
    static let choices = ["yes", "no"]

    private let context: WorldContext
    private let agent: PersonAgent
    private let paragraph: QAParagraph
    private var question: String?
    private var answer: String?
    public private(set) var episodeDone = false

    /// The paragraphs come from `opt.paragraphs_file` (JSON Lines, relative to the config's
    /// folder) when the config names one, else from those Parley ships; throws when they cannot
    /// be read.
    public init(context: WorldContext) throws {
        self.context = context
        agent = context.agent
        let paragraphs = try context.opt["paragraphs_file"]?.stringValue.map {
            try QAParagraph.load(jsonLines: context.resolvedPath($0))
        } ?? QAParagraph.shipped()
        let done = Int(agent.data[Self.countKey]?.numberValue ?? 0)
        paragraph = paragraphs[done % paragraphs.count]
    }

    public func parley() async throws {
        await agent.observe(Message(
            text: paragraph.text + "\n\n" + Self.askQuestion, id: Self.collectorID
        ))
        question = try await agent.act().text
        await agent.observe(Message(text: Self.askAnswer, id: Self.collectorID))
        answer = try await agent.act().text
        let done = Int(agent.data[Self.countKey]?.numberValue ?? 0) + 1
        agent.data[Self.countKey] = .number(Double(done))
        await agent.observe(Message(text: Self.another, quickReplies: Self.choices, id: Self.collectorID))
        let reply = try await agent.act().text.lowercased()
        agent.data["next_task"] = reply == "no" || reply == "exit" ? "EXIT" : .string(context.task)
        episodeDone = true
    }

    /// Saves the question and answer, when the person gave both.
    public func shutdown() async {
        guard let question, let answer else { return }
        let result: JSONValue = [
            "paragraph_id": .string(paragraph.id), "title": .string(paragraph.title),
            "context": .string(paragraph.text), "question": .string(question), "answer": .string(answer),
        ]
        do {
            try await context.saveResult(result)
        } catch {
            context.logger.error("could not save a QA pair of world \(context.worldID): \(error)")
        }
    }
}
