import Foundation
import ParleyCore
import ParleyStore
import ParleyTasks
import ParleyWorlds
import Testing

/// Real servers on the real world runtime, talked to by real WebSocket clients.
@Suite(.timeLimit(.minutes(5))) struct WorldScenarioTests {
    @Test func overworldDemoTranscriptWithPasswordRetry() async throws {
        let worlds = try await WorldsServer.start(config: WorldsServer.demoConfig(opt: "{password: secret}"))
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        let gate = "Sorry, this conversation bot is password-protected. If you have the password, please send it now."
        await client.say("hi")
        #expect(try await client.next() == ["text": .string(gate), "quick_replies": nil])
        await client.say("wrong")
        #expect(try await client.nextText() == gate)
        await client.say("secret")
        #expect(try await client.next() == ["text": .string(DemoText.menu), "quick_replies": DemoText.menuReplies])
        await client.say("nonsense")
        #expect(try await client.nextText().hasPrefix("Invalid option."))
        await client.say("echo")
        #expect(try await client.texts(2) == ["Transferring to echo", DemoText.echoWelcome])
        await client.say("hello")
        #expect(try await client.nextText() == "hello")
        await client.say("[DONE]")
        #expect(try await client.nextText() == DemoText.menu)
        await client.say("onboard data")
        #expect(try await client.texts(2) == ["Transferring to onboard data", "Welcome to the onboarding world the onboarding data demo.\nEnter your name."])
        await client.say("Ann")
        #expect(try await client.nextText() == "\nEnter your favorite color.")
        await client.say("blue")
        #expect(try await client.texts(2) == ["During onboarding, you said your name was Ann and your favorite color was blue", DemoText.menu])
        await client.say("EXIT")
        #expect(try await client.nextText() == "See you later!")
        await client.close()
        try await worlds.stop()
    }

    @Test func twoPeoplePairedInChatAndDone() async throws {
        let worlds = try await WorldsServer.start()
        let ann = try await WebSocketTestClient.connect(port: worlds.port)
        let bob = try await WebSocketTestClient.connect(port: worlds.port)
        try await ann.enterChat(as: "Ann")
        try await bob.enterChat(as: "Bob")
        await ann.say("hi Bob")
        #expect(try await bob.nextChatText() == "hi Bob")
        await bob.say("hi Ann")
        #expect(try await ann.nextChatText() == "hi Ann")
        await bob.say("[DONE]")
        #expect(try await ann.nextChatText() == "The other agent has ended the chat.")
        #expect(try await ann.nextText() == DemoText.menu)
        #expect(try await bob.nextChatText() == DemoText.menu)
        await ann.close()
        await bob.close()
        try await worlds.stop()
    }

    @Test func poolTimeoutGoesToTheBackupTask() async throws {
        let config = WorldsServer.demoConfig(chat: "timeout: 0.3\n    backup_task: echo")
        let worlds = try await WorldsServer.start(config: config)
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        try await client.enterChat(as: "Ann")
        let (found, _) = try await client.next(containing: "no one could be paired")
        #expect(found["text"] == "Sorry, no one could be paired with you in time. Transferring to echo")
        #expect(try await client.nextText() == DemoText.echoWelcome)
        await client.say("anyone?")
        #expect(try await client.nextText() == "anyone?")
        await client.close()
        try await worlds.stop()
    }

    @Test func poolTimeoutWithoutBackupReturnsToTheMenu() async throws {
        let worlds = try await WorldsServer.start(config: WorldsServer.demoConfig(chat: "timeout: 0.3"))
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        try await client.enterChat(as: "Ann")
        let (_, before) = try await client.next(containing: "no one could be paired")
        #expect(before.allSatisfy { $0.contains("Pairing is taking longer than expected") })
        #expect(try await client.nextText() == DemoText.menu)
        await client.close()
        try await worlds.stop()
    }

    @Test func exitWhileWaitingForAPartner() async throws {
        let worlds = try await WorldsServer.start()
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        try await client.enterChat(as: "Ann")
        await client.say("EXIT")
        let afterExit = try await client.nextText()
        #expect(afterExit == DemoText.menu)
        await client.say("EXIT")
        let farewell = try await client.nextText()
        #expect(farewell == "See you later!")
        await client.say("back again")
        #expect(try await client.nextText() == DemoText.menu)
        await client.close()
        try await worlds.stop()
    }

    @Test func messagesTypedDuringAHandOverReachTheNextWorld() async throws {
        let worlds = try await WorldsServer.start()
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        await client.say("hi")
        #expect(try await client.nextText() == DemoText.menu)
        await client.say("echo")
        await client.say("typed early")
        await client.say("and again")
        #expect(try await client.texts(4) == ["Transferring to echo", DemoText.echoWelcome, "typed early", "and again"])
        await client.close()
        try await worlds.stop()
    }

    @Test func aPersonWhoDoesNotAnswerTimesOut() async throws {
        let worlds = try await WorldsServer.start(config: WorldsServer.demoConfig(echo: "timeout: 180\n    response_timeout: 0.3"))
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        await client.say("hi")
        #expect(try await client.nextText() == DemoText.menu)
        await client.say("echo")
        #expect(try await client.texts(4) == ["Transferring to echo", DemoText.echoWelcome, "You have timed out", DemoText.menu])
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
        let ann = try await WebSocketTestClient.connect(port: worlds.port)
        let bob = try await WebSocketTestClient.connect(port: worlds.port)
        for client in [ann, bob] {
            await client.say("hi")
            #expect(try await client.nextText() == DemoText.menu)
            await client.say("echo")
            await client.say("one")
            #expect(try await client.texts(3) == ["Transferring to echo", DemoText.echoWelcome, "counted: one"])
        }
        let idle = try await WebSocketTestClient.connect(port: worlds.port)
        let stopping = Task { try await worlds.stop() }
        for client in [ann, bob] {
            let (frames, close) = try await client.closed()
            let warning: JSONValue = ["text": .string(RuntimeText.goingOffline(within: .milliseconds(300))), "quick_replies": nil]
            #expect(try frames.map { try JSONValue.parse($0) } == [warning])
            #expect(close?.closeCode == .goingAway)
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
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        await client.say("hi")
        #expect(try await client.nextText() == DemoText.menu)
        await client.say("echo")
        await client.say("remember me")
        #expect(try await client.texts(3).last == "remember me")
        await client.say("[DONE]")
        #expect(try await client.nextText() == DemoText.menu)
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
        let ann = try await WebSocketTestClient.connect(port: worlds.port)
        let bob = try await WebSocketTestClient.connect(port: worlds.port)
        await ann.say("hi", ["session": nil])
        let menu = try await ann.next()
        let token = try #require(menu["session"]?.stringValue)
        await ann.say("chat")
        #expect(try await ann.texts(2) == ["Transferring to chat", DemoText.chatName])
        await ann.say("Ann")
        #expect(try await ann.nextText() == DemoText.chatMatch)
        try await bob.enterChat(as: "Bob")
        await bob.say("first")
        #expect(try await ann.nextText() == "first")
        await ann.close()
        await bob.say("while you were away")
        await bob.say("and more")
        let annAgain = try await WebSocketTestClient.connect(port: worlds.port)
        await annAgain.send(.text(#"{"session": "\#(token)"}"#))
        #expect(try await annAgain.texts(2) == ["while you were away", "and more"])
        await annAgain.say("back")
        #expect(try await bob.nextChatText() == "back")
        await annAgain.close()
        await bob.close()
        try await worlds.stop()
    }
}
