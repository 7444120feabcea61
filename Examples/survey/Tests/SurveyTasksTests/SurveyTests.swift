import Foundation
import ParleyCore
import ParleyTesting
import ParleyWorlds
import SurveyTasks
import Testing

/// The survey run from its own config.yml, with scripted people.
@Suite(.timeLimit(.minutes(5)))
struct SurveyTests {
    static let config = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config.yml").path

    static let welcome = "Hello! Would you take a three-question survey about chatbots?"
    static let consent = "This survey records your answers and this conversation, to learn what makes "
        + "chatbots useful. Nothing else about you is kept, and you may stop at any time. Do you agree?"
    static let frequency = "(1/3) How often do you chat with bots?"
    static let helpfulness = "(2/3) On a scale of 1 to 10, how helpful was the last bot you talked to?"
    static let wish = "(3/3) What one thing would make bots more useful to you?"

    /// Says hello and agrees, up to the first question.
    static func begin(_ harness: WorldHarness) async -> ScriptedPerson {
        let ann = await harness.person()
        await ann.say("hello")
        await ann.expect(welcome, quickReplies: ["begin", "EXIT"])
        await ann.say("begin")
        await ann.expect(consent, quickReplies: ["I agree", "No thanks"])
        await ann.say("I agree")
        await ann.expect(frequency, quickReplies: ["daily", "weekly", "rarely", "never"])
        return ann
    }

    @Test("consent, three questions, wrong answers asked again with the reason, answers saved, thanks, goodbye")
    func wholeSurvey() async throws {
        let harness = try WorldHarness(configFile: Self.config, registry: .survey)
        let ann = await Self.begin(harness)
        await ann.say("sometimes")
        await ann.expect("Please choose one of: daily, weekly, rarely, never.")
        await ann.expect(Self.frequency, quickReplies: ["daily", "weekly", "rarely", "never"])
        await ann.say("Weekly")
        await ann.expect(Self.helpfulness)
        await ann.say("eleven")
        await ann.expect("Please answer with a whole number from 1 to 10.")
        await ann.expect(Self.helpfulness)
        await ann.say("11")
        await ann.expect("Please answer with a whole number from 1 to 10.")
        await ann.expect(Self.helpfulness)
        await ann.say("7")
        await ann.expect(Self.wish)
        await ann.say("memory")
        await ann.expect("Please write at least 10 characters.")
        await ann.expect(Self.wish)
        await ann.say("Remembering what I said last week")
        await ann.expect("Thank you! Your answers are saved.")
        await ann.expect("See you later!")
        // After EXIT, the next message starts over.
        await ann.say("hello again")
        await ann.expect(Self.welcome)

        let results = try await harness.results()
        #expect(results.count == 1)
        #expect(results.first?.task == "survey")
        #expect(results.first?.data == [
            "answers": ["frequency": "weekly", "helpfulness": 7, "wish": "Remembering what I said last week"],
            "complete": true,
        ])
        let said = try await harness.messages().filter { $0.speaker == ann.id }.map(\.text)
        #expect(said.contains("eleven") && said.contains("Weekly"))
        await harness.stop()
    }

    @Test("a restart mid-survey goes on at the question it was at, and saves the answers once")
    func restartMidSurvey() async throws {
        let harness = try WorldHarness(configFile: Self.config, registry: .survey)
        let ann = await Self.begin(harness)
        await ann.say("daily")
        await ann.expect(Self.helpfulness)

        // The server stops (a deploy) and starts again on the same store; Ann comes back.
        let restarted = try await harness.restarted()
        await ann.expect(RuntimeText.restarting)
        let back = await restarted.person(ann.id)
        await back.say("9")
        await back.expect(Self.wish)
        await back.say("Remembering what I said last week")
        await back.expect("Thank you! Your answers are saved.")

        let results = try await restarted.results()
        #expect(results.map(\.data) == [[
            "answers": ["frequency": "daily", "helpfulness": 9, "wish": "Remembering what I said last week"],
            "complete": true,
        ]])
        await restarted.stop()
    }

    @Test("without consent nothing is saved and the person is back at the start")
    func declined() async throws {
        let harness = try WorldHarness(configFile: Self.config, registry: .survey)
        let bob = await harness.person()
        await bob.say("hi")
        await bob.expect(Self.welcome)
        await bob.say("begin")
        await bob.expect(Self.consent)
        await bob.say("No thanks")
        await bob.expect("No problem: nothing was recorded. Goodbye!")
        await bob.expect(Self.welcome)
        await bob.say("EXIT")
        await bob.expect("See you later!")
        #expect(try await harness.results().isEmpty)
        await harness.stop()
    }

    @Test("a question not answered within its response_timeout ends the survey; what was answered is kept")
    func questionTimeout() async throws {
        let yaml = try String(contentsOfFile: Self.config, encoding: .utf8)
            .replacingOccurrences(of: "response_timeout: 120", with: "response_timeout: 0.2")
        let harness = try WorldHarness(yaml: yaml, file: Self.config, registry: .survey)
        let ann = await Self.begin(harness)
        await ann.say("daily")
        await ann.expect(Self.helpfulness)
        // No answer: the question's 0.2 s pass.
        await ann.expect("You have timed out")
        await ann.expect(Self.welcome)
        let results = try await harness.results()
        #expect(results.map(\.data) == [["answers": ["frequency": "daily"], "complete": false]])
        await harness.stop()
    }

    @Test("someone who says nothing more hears nothing more")
    func silenceAfterAQuestion() async throws {
        let harness = try WorldHarness(configFile: Self.config, registry: .survey)
        let ann = await Self.begin(harness)
        await ann.expectSilence(for: .milliseconds(300))
        await ann.leave()
        #expect(try await harness.results().isEmpty)
        await harness.stop()
    }

    @Test("questions are read from the config, and malformed ones are refused with the reason")
    func questionsFromTheConfig() throws {
        #expect(throws: SurveyConfigError.self) { try SurveyQuestion.all(in: [:]) }
        #expect(throws: SurveyConfigError.self) { try SurveyQuestion.all(in: ["questions": [["id": "x"]]]) }
        let questions = try SurveyQuestion.all(in: ["questions": [["id": "c", "text": "?", "choices": ["Yes", "No"]]]])
        #expect(questions.first?.check(" yes ") == .success("Yes"))
        #expect(questions.first?.check("maybe") == .failure(SurveyAnswerError("Please choose one of: Yes, No.")))
    }
}
