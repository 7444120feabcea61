import ParleyCore
import Testing

/// The overworld demo over Messenger, end to end: signed webhook posts in, Graph API posts out.
@Suite(.timeLimit(.minutes(5))) struct MessengerDemoTests {
    @Test func overworldDemoEndToEnd() async throws {
        let server = try await MessengerTestServer.start()
        let (client, graph) = (server.client, server.graph)
        try await client.say("hi")
        let seen = await graph.next()
        #expect(seen.senderAction == "mark_seen")
        #expect(seen.recipient == "1001")
        #expect(seen.accessToken == MessengerWebhookClient.pageToken)
        let menu = await graph.nextMessage()
        #expect(menu.text == "Overworld: " + DemoText.menu)
        #expect(menu.recipient == "1001")
        #expect(menu.body["messaging_type"] == "RESPONSE")
        #expect(menu.quickReplies?.map { $0["title"] } == ["echo", "onboard data", "chat", "EXIT"])
        #expect(menu.quickReplies?.map { $0["payload"] } == ["echo", "onboard data", "chat", "EXIT"])
        #expect(menu.quickReplies?.allSatisfy { $0["content_type"] == "text" } == true)

        try await client.post(MessengerWebhookClient.entries([[MessengerWebhookClient.message("Echo", quickReply: "echo")]]))
        #expect(await graph.texts(2) == ["Overworld: Transferring to echo", "Onboarding: " + DemoText.echoWelcome])
        try await client.say("hello")
        #expect(await graph.nextMessage().text == "World: hello")
        try await client.say("[DONE]")
        #expect(await graph.nextMessage().text == "Overworld: " + DemoText.menu)
        try await client.say("EXIT")
        #expect(await graph.nextMessage().text == "See you later!")
        // A person who left comes back with their next message.
        try await client.say("back")
        #expect(await graph.nextMessage().text == "Overworld: " + DemoText.menu)
        try await server.stop()
    }

    @Test func aPersonSilentPastTheIdleTimeoutLeavesAndStartsAgainAtTheOverworld() async throws {
        // Every pause between two posts here is longer than the idle timeout.
        let server = try await MessengerTestServer.start(idleTimeout: .milliseconds(1))
        let (client, graph) = (server.client, server.graph)
        try await client.say("hi")
        #expect(await graph.nextMessage().text == "Overworld: " + DemoText.menu)
        // Had Ann stayed, "echo" would choose the echo task; she was forgotten, so it only greets.
        try await client.say("echo")
        #expect(await graph.nextMessage().text == "Overworld: " + DemoText.menu)
        try await server.stop()
    }

    @Test func aPasswordGatesMessengerPeopleToo() async throws {
        let server = try await MessengerTestServer.start(config: WorldsServer.demoConfig(opt: "{password: secret}"))
        let gate = "Sorry, this conversation bot is password-protected. If you have the password, please send it now."
        try await server.client.say("hi")
        #expect(await server.graph.nextMessage().text == gate)
        try await server.client.say("wrong")
        #expect(await server.graph.nextMessage().text == gate)
        try await server.client.say("secret")
        #expect(await server.graph.nextMessage().text == "Overworld: " + DemoText.menu)
        try await server.stop()
    }

    @Test func twoPeopleChatOverMessenger() async throws {
        let server = try await MessengerTestServer.start()
        let (client, graph) = (server.client, server.graph)
        for psid in ["ann", "bob"] {
            try await client.say("hi", from: psid)
            try await client.say("chat", from: psid)
            try await client.say(psid.capitalized, from: psid)
        }
        // Read each person's messages until the chat starts for both.
        var started: Set<String> = []
        while started.count < 2 {
            let request = await graph.nextMessage()
            if request.text?.hasPrefix("Onboarding: " + DemoText.chatMatch) == true, let recipient = request.recipient {
                started.insert(recipient)
            }
        }
        try await client.say("hi Bob", from: "ann")
        var relayed = await graph.nextMessage()
        while relayed.recipient != "bob" || relayed.text?.contains("hi Bob") != true { relayed = await graph.nextMessage() }
        #expect(relayed.text?.hasSuffix("hi Bob") == true)
        try await server.stop()
    }
}
