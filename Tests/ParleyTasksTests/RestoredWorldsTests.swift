import Foundation
import ParleyStore
import ParleyTasks
import ParleyTesting
import ParleyWorlds
import Testing

/// The built-in restorable worlds across a restart on the same store: each goes on from where it
/// waited, with nothing said twice or forgotten.
@Suite(.timeLimit(.minutes(2)))
struct RestoredWorldsTests {
    @Test("chatbot: the chat and the mind's memory go on after a restart")
    func chatbot() async throws {
        let harness = try WorldHarness(task: "chatbot.yml")
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect(BuiltInWorldsTests.chatbotWelcome)
        await ann.say("begin")
        await ann.expect(BuiltInWorldsTests.botWorldWelcome)
        await ann.expect(BuiltInWorldsTests.aceOpening)
        await ann.say("call me Wile")
        await ann.expect(oneOf: ["Nice to meet you, Wile!", "Pleased to meet you, Wile."])
        let restarted = try await harness.restarted()
        await ann.expect(RuntimeText.restarting)  // Told as the server stopped (an operator's deploy).
        let back = await restarted.person(ann.id)
        await back.say("who am I?")
        await back.expect("You're Wile.")
        await back.say("[DONE]")
        await back.expect(BuiltInWorldsTests.chatbotWelcome)
        // One conversation in the transcript, its messages once each.
        let records = try await restarted.messages().filter { $0.task != "overworld" }
        #expect(Set(records.map(\.worldID)).count == 1)
        #expect(records.filter { $0.text == "call me Wile" }.count == 1)
        #expect(records.map(\.text).contains("You're Wile."))
        await restarted.stop()
    }

    @Test("QA collection: a restart between question and answer asks for the answer, not the question again")
    func qaCollection() async throws {
        let paragraphs = try QAParagraph.shipped()
        let harness = try WorldHarness(task: "qa_data_collection.yml")
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("Welcome! You will be shown a paragraph. Please write a question about it, then give the answer to your question.")
        await ann.expect(paragraphs[0].text + "\n\nPlease provide a question given this context.")
        await ann.say("Where does rain come from?")
        await ann.expect("Thanks. And what is the answer to your question?")
        let restarted = try await harness.restarted()
        await ann.expect(RuntimeText.restarting)
        let back = await restarted.person(ann.id)
        await back.say("Clouds")
        await back.expect("Thank you, your question and answer are saved. Would you like another paragraph?")
        await back.say("no")
        await back.expect(RuntimeText.farewell)
        let results = try await restarted.results()
        #expect(results.map { $0.data["question"]?.stringValue } == ["Where does rain come from?"])
        #expect(results.map { $0.data["answer"]?.stringValue } == ["Clouds"])
        await restarted.stop()
    }

    @Test("echo: what was held for a person who was away is sent once they are back")
    func echoHeldMessages() async throws {
        let harness = try WorldHarness(task: "overworld_demo.yml")
        let ann = await harness.person()
        await ann.say("hello")
        await ann.expect(RuntimeText.passwordRequired)
        await ann.say("ParlAI")
        await ann.expect(BuiltInWorldsTests.demoWelcome)
        await ann.say("echo")
        await ann.expect("Transferring to echo")
        await ann.expect("Welcome to the onboarding world for our echo bot. The next message you send will be echoed. Use [DONE] to finish the chat.")
        await ann.say("one")
        await ann.expect("one")
        await harness.runtime.detach(personID: ann.id)
        let restarted = try await harness.restarted()
        let back = await restarted.person(ann.id)
        // Told while away, before the server stopped: kept for them.
        await back.expect(RuntimeText.restarting)
        await back.say("two")
        await back.expect("two")
        await back.say("[DONE]")
        await back.expect(BuiltInWorldsTests.demoWelcome)
        await restarted.stop()
    }

    @Test("a person who does not come back within the resume window has left: the world ends and is forgotten")
    func personWhoDoesNotComeBack() async throws {
        let config = try TaskConfig.load(path: tasksFolder.appendingPathComponent("qa_data_collection.yml").path)
        let harness = try WorldHarness(
            config: config, registry: .builtIn,
            options: RuntimeOptions(resumeWindow: .milliseconds(300), shutdownGrace: .milliseconds(100)))
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("Welcome! You will be shown a paragraph. Please write a question about it, then give the answer to your question.")
        _ = await ann.next()  // The paragraph.
        await ann.say("Where does rain come from?")
        await ann.expect("Thanks. And what is the answer to your question?")
        let server = ProcessInfo.processInfo.hostName
        let restarted = try await harness.restarted()
        #expect(try await restarted.store.worldRuns(server: server).count == 1)
        var ended: ConversationEnding?
        for await event in restarted.runtime.live.events() {
            if case .ended(_, let ending) = event {
                ended = ending
                break
            }
        }
        #expect(ended == .left)
        #expect(try await restarted.store.worldRuns(server: server).isEmpty)
        await restarted.stop()
    }
}
