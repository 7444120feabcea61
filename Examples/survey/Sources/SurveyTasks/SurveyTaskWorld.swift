import ParleyCore
import ParleyWorlds

/// Asks the config's questions one per step, asking again (with the reason) after an answer that
/// is not valid; saves the answers with `saveResult` and sends the person on to `thanks`.
/// Without consent it records nothing and returns the person to the overworld. It continues
/// after a restart from the question it was at.
public actor SurveyTaskWorld: RestorableWorld {
    static let declined = "No problem: nothing was recorded. Goodbye!"

    private let context: WorldContext
    private let agent: PersonAgent
    private let questions: [SurveyQuestion]
    private let consented: Bool
    /// Everything the world knows between steps.
    public private(set) var progress: SurveyProgress
    public private(set) var episodeDone = false

    /// Throws when `opt.questions` is missing or malformed.
    public init(context: WorldContext) throws {
        try self.init(context: context, restoring: SurveyProgress())
    }

    /// Throws when `opt.questions` is missing or malformed, or no longer has the question the
    /// saved progress is at.
    public init(context: WorldContext, restoring progress: SurveyProgress) throws {
        self.context = context
        agent = context.agent
        questions = try SurveyQuestion.all(in: context.opt)
        consented = agent.onboardData["consent"] == .bool(true)
        guard progress.index < questions.count else {
            throw SurveyConfigError("the saved survey is at question \(progress.index + 1), and opt.questions has \(questions.count)")
        }
        self.progress = progress
    }

    public func state() -> SurveyProgress {
        progress
    }

    public static func assignRoles(_ agents: [PersonAgent]) {
        agents.first?.displayID = "Respondent"
    }

    /// One question: asks it (once), waits for the answer within its time, checks it.
    public func parley() async throws {
        guard consented else {
            await agent.observe(Message(text: Self.declined, id: "Survey"))
            episodeDone = true
            return
        }
        let question = questions[progress.index]
        if !progress.asked {
            await ask(question)
            progress.asked = true
        }
        let timeout = question.responseTimeout.map { Duration.milliseconds(Int64($0 * 1000)) }
        guard let reply = try await agent.act(timeout: timeout) else {
            // The question's own time passed: the runtime tells the person and ends the world.
            throw WorldError.timedOut([agent.personID])
        }
        switch question.check(reply.text) {
        case .failure(let error):
            await agent.observe(Message(text: error.reason, id: "Survey"))
            await ask(question)
        case .success(let answer):
            progress.answers[question.id] = answer
            progress.index += 1
            progress.asked = false
            if progress.index == questions.count {
                agent.data["next_task"] = "thanks"
                episodeDone = true
            }
        }
    }

    /// Saves what was answered (also when the person stopped early), if they consented.
    public func shutdown() async {
        guard consented, !progress.answers.isEmpty else { return }
        let result: JSONValue = [
            "answers": .object(progress.answers),
            "complete": .bool(progress.answers.count == questions.count),
        ]
        do {
            try await context.saveResult(result)
        } catch {
            context.logger.error("could not save the survey answers of world \(context.worldID): \(error)")
        }
    }

    private func ask(_ question: SurveyQuestion) async {
        let number = "(\(progress.index + 1)/\(questions.count)) "
        await agent.observe(Message(text: number + question.text, quickReplies: question.choices, id: "Survey"))
    }
}
