import Foundation
import ParleyCore
import ParleyStore
import ParleyTasks
import ParleyWorlds
import Testing

/// Real servers on the real world runtime, talked to by real WebSocket clients.
@Suite(.timeLimit(.minutes(1))) struct WorldScenarioTests {
    static let menu = "Welcome to the overworld for the ParlAI messenger demo. Choose one of the demos from the listed quick replies. "
    static let menuReplies: JSONValue = ["echo", "onboard data", "chat", "EXIT"]
    static let echoWelcome =
        "Welcome to the onboarding world for our echo bot. The next message you send will be echoed. Use [DONE] to finish the chat."
    static let chatName = "Welcome to the onboarding world free chat. Enter your display name."
    static let chatMatch = "You will be matched with a random person. Say [DONE] to end the chat."

    /// The next text in a chat: a message sent while the pairing is still being made is answered with
    /// the runtime's "please wait" notice (and then delivered), so that notice is passed over.
    private func chatText(_ client: TestClient) async throws -> String {
        while true {
            let text = try await client.nextText()
            if text != RuntimeText.waitForPairing { return text }
        }
    }

    /// Greets the server and picks `chat` with the display name `name`.
    private func enterChat(_ client: TestClient, as name: String) async throws {
        await client.say("hi")
        #expect(try await client.nextText() == Self.menu)
        await client.say("chat")
        #expect(try await client.texts(2) == ["Transferring to chat", Self.chatName])
        await client.say(name)
        #expect(try await client.nextText() == Self.chatMatch)
    }

    @Test func overworldDemoTranscriptWithPasswordRetry() async throws {
        let worlds = try await WorldsServer.start(config: WorldsServer.demoConfig(opt: "{password: secret}"))
        let client = try await TestClient.connect(port: worlds.port)
        let gate = "Sorry, this conversation bot is password-protected. If you have the password, please send it now."
        await client.say("hi")
        #expect(try await client.next() == ["text": .string(gate), "quick_replies": nil])
        await client.say("wrong")
        #expect(try await client.nextText() == gate)
        await client.say("secret")
        #expect(try await client.next() == ["text": .string(Self.menu), "quick_replies": Self.menuReplies])
        await client.say("nonsense")
        #expect(try await client.nextText().hasPrefix("Invalid option."))
        await client.say("echo")
        #expect(try await client.texts(2) == ["Transferring to echo", Self.echoWelcome])
        await client.say("hello")
        #expect(try await client.nextText() == "hello")
        await client.say("[DONE]")
        #expect(try await client.nextText() == Self.menu)
        await client.say("onboard data")
        #expect(try await client.texts(2) == ["Transferring to onboard data", "Welcome to the onboarding world the onboarding data demo.\nEnter your name."])
        await client.say("Ann")
        #expect(try await client.nextText() == "\nEnter your favorite color.")
        await client.say("blue")
        #expect(try await client.texts(2) == ["During onboarding, you said your name was Ann and your favorite color was blue", Self.menu])
        await client.say("EXIT")
        #expect(try await client.nextText() == "See you later!")
        await client.close()
        try await worlds.stop()
    }

    @Test func twoPeoplePairedInChatAndDone() async throws {
        let worlds = try await WorldsServer.start()
        let ann = try await TestClient.connect(port: worlds.port)
        let bob = try await TestClient.connect(port: worlds.port)
        try await enterChat(ann, as: "Ann")
        try await enterChat(bob, as: "Bob")
        await ann.say("hi Bob")
        #expect(try await chatText(bob) == "hi Bob")
        await bob.say("hi Ann")
        #expect(try await chatText(ann) == "hi Ann")
        await bob.say("[DONE]")
        #expect(try await chatText(ann) == "The other agent has ended the chat.")
        #expect(try await ann.nextText() == Self.menu)
        #expect(try await chatText(bob) == Self.menu)
        await ann.close()
        await bob.close()
        try await worlds.stop()
    }

    @Test func poolTimeoutGoesToTheBackupTask() async throws {
        let config = WorldsServer.demoConfig(chat: "timeout: 0.3\n    backup_task: echo")
        let worlds = try await WorldsServer.start(config: config)
        let client = try await TestClient.connect(port: worlds.port)
        try await enterChat(client, as: "Ann")
        let (found, _) = try await client.next(containing: "no one could be paired")
        #expect(found["text"] == "Sorry, no one could be paired with you in time. Transferring to echo")
        #expect(try await client.nextText() == Self.echoWelcome)
        await client.say("anyone?")
        #expect(try await client.nextText() == "anyone?")
        await client.close()
        try await worlds.stop()
    }

    @Test func poolTimeoutWithoutBackupReturnsToTheMenu() async throws {
        let worlds = try await WorldsServer.start(config: WorldsServer.demoConfig(chat: "timeout: 0.3"))
        let client = try await TestClient.connect(port: worlds.port)
        try await enterChat(client, as: "Ann")
        let (_, before) = try await client.next(containing: "no one could be paired")
        #expect(before.allSatisfy { $0.contains("Pairing is taking longer than expected") })
        #expect(try await client.nextText() == Self.menu)
        await client.close()
        try await worlds.stop()
    }

    @Test func exitWhileWaitingForAPartner() async throws {
        let worlds = try await WorldsServer.start()
        let client = try await TestClient.connect(port: worlds.port)
        try await enterChat(client, as: "Ann")
        await client.say("EXIT")
        let afterExit = try await client.nextText()
        #expect(afterExit == Self.menu)
        await client.say("EXIT")
        let farewell = try await client.nextText()
        #expect(farewell == "See you later!")
        await client.say("back again")
        #expect(try await client.nextText() == Self.menu)
        await client.close()
        try await worlds.stop()
    }

    @Test func messagesTypedDuringAHandOverReachTheNextWorld() async throws {
        let worlds = try await WorldsServer.start()
        let client = try await TestClient.connect(port: worlds.port)
        await client.say("hi")
        #expect(try await client.nextText() == Self.menu)
        await client.say("echo")
        await client.say("typed early")
        await client.say("and again")
        #expect(try await client.texts(4) == ["Transferring to echo", Self.echoWelcome, "typed early", "and again"])
        await client.close()
        try await worlds.stop()
    }

    @Test func aPartnerWhoDisconnectsIsNoticed() async throws {
        let worlds = try await WorldsServer.start()
        let ann = try await TestClient.connect(port: worlds.port)
        let bob = try await TestClient.connect(port: worlds.port)
        try await enterChat(ann, as: "Ann")
        try await enterChat(bob, as: "Bob")
        await ann.say("hello?")
        #expect(try await chatText(bob) == "hello?")
        await bob.close()
        #expect(try await chatText(ann) == "The other agent has left the chat.")
        #expect(try await ann.nextText() == Self.menu)
        await ann.close()
        try await worlds.stop()
    }

    @Test func aPersonWhoDoesNotAnswerTimesOut() async throws {
        let worlds = try await WorldsServer.start(config: WorldsServer.demoConfig(echo: "timeout: 180\n    response_timeout: 0.3"))
        let client = try await TestClient.connect(port: worlds.port)
        await client.say("hi")
        #expect(try await client.nextText() == Self.menu)
        await client.say("echo")
        #expect(try await client.texts(4) == ["Transferring to echo", Self.echoWelcome, "You have timed out", Self.menu])
        await client.close()
        try await worlds.stop()
    }

    @Test func shutdownWarnsPeopleEndsEachWorldOnceAndClosesSockets() async throws {
        let counter = UUID().uuidString
        var registry = WorldRegistry.builtIn
        registry.register(CountingWorld.self, as: "CountingWorld", in: "parlai.chat_service.tasks.overworld_demo.worlds")
        let config = WorldsServer.demoConfig(opt: "{counter: \(counter)}")
            .replacingOccurrences(of: "task_world: MessengerEchoTaskWorld", with: "task_world: CountingWorld")
        let worlds = try await WorldsServer.start(config: config, registry: registry)
        let ann = try await TestClient.connect(port: worlds.port)
        let bob = try await TestClient.connect(port: worlds.port)
        for client in [ann, bob] {
            await client.say("hi")
            #expect(try await client.nextText() == Self.menu)
            await client.say("echo")
            await client.say("one")
            #expect(try await client.texts(3) == ["Transferring to echo", Self.echoWelcome, "counted: one"])
        }
        let idle = try await TestClient.connect(port: worlds.port)
        let stopping = Task { try await worlds.stop() }
        for client in [ann, bob] {
            let (frames, close) = try await client.closed()
            let warning: JSONValue = ["text": .string(RuntimeText.goingOffline(within: .milliseconds(300))), "quick_replies": nil]
            #expect(try frames.map { try JSONValue.parse($0) } == [warning])
            #expect(close?.closeCode == .normalClosure)
        }
        let (idleFrames, idleClose) = try await idle.closed()
        #expect(idleFrames.isEmpty)
        #expect(idleClose != nil)
        try await stopping.value
        let counts = CountingWorld.shutdownCounts(counter)
        #expect(counts.count == 2)
        #expect(counts.values.allSatisfy { $0 == 1 })
    }

    @Test func conversationsAreRecordedInTheStore() async throws {
        let worlds = try await WorldsServer.start()
        let client = try await TestClient.connect(port: worlds.port)
        await client.say("hi")
        #expect(try await client.nextText() == Self.menu)
        await client.say("echo")
        await client.say("remember me")
        #expect(try await client.texts(3).last == "remember me")
        await client.say("[DONE]")
        #expect(try await client.nextText() == Self.menu)
        await client.close()
        try await worlds.server.stop()
        let records = try await worlds.store.messages(since: nil)
        let echoed = records.filter { $0.task == "echo" && $0.text == "remember me" }
        #expect(echoed.count == 2)
        #expect(Set(echoed.map(\.speaker)).count == 2)
        try? FileManager.default.removeItem(at: worlds.directory)
    }

    @Test func aSessionPersonResumesMidChatWithoutLosingTheirPartnersMessages() async throws {
        let worlds = try await WorldsServer.start(options: RuntimeOptions(resumeWindow: .seconds(30), shutdownGrace: .milliseconds(300)))
        let ann = try await TestClient.connect(port: worlds.port)
        let bob = try await TestClient.connect(port: worlds.port)
        await ann.say("hi", ["session": nil])
        let menu = try await ann.next()
        let token = try #require(menu["session"]?.stringValue)
        await ann.say("chat")
        #expect(try await ann.texts(2) == ["Transferring to chat", Self.chatName])
        await ann.say("Ann")
        #expect(try await ann.nextText() == Self.chatMatch)
        try await enterChat(bob, as: "Bob")
        await bob.say("first")
        #expect(try await ann.nextText() == "first")
        await ann.close()
        await bob.say("while you were away")
        await bob.say("and more")
        let annAgain = try await TestClient.connect(port: worlds.port)
        await annAgain.send(.text(#"{"session": "\#(token)"}"#))
        #expect(try await annAgain.texts(2) == ["while you were away", "and more"])
        await annAgain.say("back")
        #expect(try await chatText(bob) == "back")
        await annAgain.close()
        await bob.close()
        try await worlds.stop()
    }
}
