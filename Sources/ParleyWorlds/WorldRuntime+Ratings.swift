import Foundation
import ParleyStore

extension WorldRuntime {
    /// Asks each of `people` the task's rating question at once and keeps their answers with the
    /// world's conversation record. The questions and answers are not messages of the world: they
    /// would read as turns of its dialog in an export.
    func askRatings(_ question: RatingQuestion, of people: [Person], recorder: TranscriptRecorder) async {
        let timeout = options.ratingTimeout
        let silent = TranscriptRecorder(
            conversation: ConversationRecord(
                worldID: recorder.worldID, task: recorder.task, world: recorder.world, role: .task, participants: [], started: Date()),
            unrecorded: Set(people.map(\.id)), store: transcripts, writer: transcriptWriter, logger: logger, live: nil)
        let agents = people.map { person in
            PersonAgent(
                personID: person.id, service: person.service, inbox: person.inbox, outbox: person.outbox, recorder: silent,
                responseTimeout: nil, data: person.data, onboardData: person.onboardData)
        }
        await withTaskGroup(of: Void.self) { group in
            for agent in agents {
                group.addTask {
                    if let rating = await Self.rating(question, of: agent, timeout: timeout) {
                        await recorder.addRating(rating)
                    }
                }
            }
        }
    }

    /// One person's rating: a score from the quick replies (asked again once when the answer is
    /// not one), then a comment when asked for. Nil when they skip, leave or do not answer in time.
    private static func rating(_ question: RatingQuestion, of agent: PersonAgent, timeout: Duration) async -> ConversationRating? {
        let choices = (1...question.scale).map(String.init)
        await agent.observe(Message(text: question.question, quickReplies: choices, id: "World"))
        var score: Int?
        for attempt in 0..<2 {
            guard let answer = try? await agent.act(timeout: timeout), !answer.isExit else { return nil }
            if let value = Int(answer.text.trimmingCharacters(in: .whitespacesAndNewlines)), choices.indices.contains(value - 1) {
                score = value
                break
            }
            if attempt == 0 { await agent.observe(Message(text: RuntimeText.ratingInvalid, quickReplies: choices, id: "World")) }
        }
        guard let score else { return nil }
        var comment: String?
        if question.comment {
            await agent.observe(Message(text: RuntimeText.ratingComment, quickReplies: ["skip"], id: "World"))
            if let answer = try? await agent.act(timeout: timeout), !answer.isExit {
                let text = answer.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty, text.lowercased() != "skip" { comment = text }
            }
        }
        await agent.observe(Message(text: RuntimeText.ratingThanks, id: "World"))
        return ConversationRating(personID: agent.personID, score: score, comment: comment, time: Date())
    }
}
