import ParleyCore
import ParleyWorlds

/// QA data collection: shows a paragraph, asks for a question about it, then for the answer.
///
/// At `shutdown` the pair is saved as a world result
/// (`{"paragraph_id", "title", "context", "question", "answer"}`). Then the person may go on to the
/// next paragraph or stop. One step per answer, so the world continues after a restart.
public actor QADataCollectionTaskWorld: RestorableWorld {
    /// Where the person is with their paragraph.
    public struct State: Codable, Sendable {
        /// What the world waits for.
        enum Stage: String, Codable, Sendable {
            case question, answer, another
        }

        /// The paragraph's place in the paragraphs.
        var paragraph: Int
        var stage = Stage.question
        /// Whether the stage's prompt went out.
        var asked = false
        var question: String?
        var answer: String?
    }

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
    private var progress: State
    public private(set) var episodeDone = false

    /// The paragraphs come from `opt.paragraphs_file` (JSON Lines, relative to the config's
    /// folder) when the config names one, else from those Parley ships; throws when they cannot
    /// be read.
    public init(context: WorldContext) throws {
        let done = Int(context.agent.data[Self.countKey]?.numberValue ?? 0)
        try self.init(context: context, restoring: State(paragraph: done))
    }

    /// Throws when the paragraphs cannot be read.
    public init(context: WorldContext, restoring state: State) throws {
        self.context = context
        agent = context.agent
        let paragraphs = try context.opt["paragraphs_file"]?.stringValue.map {
            try QAParagraph.load(jsonLines: context.resolvedPath($0))
        } ?? QAParagraph.shipped()
        paragraph = paragraphs[state.paragraph % paragraphs.count]
        progress = state
    }

    public func state() -> State {
        progress
    }

    public func parley() async throws {
        switch progress.stage {
        case .question:
            await ask(paragraph.text + "\n\n" + Self.askQuestion)
            progress.question = try await agent.act().text
            next(.answer)
        case .answer:
            await ask(Self.askAnswer)
            progress.answer = try await agent.act().text
            let done = Int(agent.data[Self.countKey]?.numberValue ?? 0) + 1
            agent.data[Self.countKey] = .number(Double(done))
            next(.another)
        case .another:
            await ask(Self.another, choices: Self.choices)
            let reply = try await agent.act().text.lowercased()
            agent.data["next_task"] = reply == "no" || reply == "exit" ? "EXIT" : .string(context.task)
            episodeDone = true
        }
    }

    /// Puts the stage's prompt to the person, once.
    private func ask(_ text: String, choices: [String]? = nil) async {
        guard !progress.asked else { return }
        await agent.observe(Message(text: text, quickReplies: choices, id: Self.collectorID))
        progress.asked = true
    }

    private func next(_ stage: State.Stage) {
        progress.stage = stage
        progress.asked = false
    }

    /// Saves the question and answer, when the person gave both.
    public func shutdown() async {
        guard let question = progress.question, let answer = progress.answer else { return }
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
