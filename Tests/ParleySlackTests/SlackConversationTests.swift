import ParleyCore
import Testing

/// People talking to the demo over Slack: direct messages, mentions answered in threads, buttons.
@Suite(.timeLimit(.minutes(5))) struct SlackConversationTests {
    @Test func aDirectMessageConversationGoesThroughTheOverworldToTheEchoTask() async throws {
        let server = try await SlackTestServer.start()
        let api = server.api
        #expect(try await server.dm("hi") == 200)
        let menu = await api.nextPost()
        #expect(menu.authorization == "Bearer \(SlackTestServer.botToken)")
        #expect(menu.channel == "D1")
        #expect(menu.threadTS == nil)
        #expect(menu.text == SlackDemoText.menu)
        #expect(menu.body["mrkdwn"] == false)
        try await server.dm("echo")
        #expect(await api.texts(2) == [SlackDemoText.transferToEcho, SlackDemoText.echoWelcome])
        // Slack escapes <, > and & in what people write; the worlds get the text as written, and
        // what goes back is escaped again.
        try await server.dm("hello &lt;b&gt; &amp; co")
        #expect(await api.nextPost().text == "World: hello &lt;b&gt; &amp; co")
        try await server.dm("[DONE]")
        #expect(await api.nextPost().text == SlackDemoText.menu)
        try await server.dm("EXIT")
        #expect(await api.nextPost().text == "See you later!")
        let people = server.service.metrics().first { $0.name == "parley_service_people" }
        #expect(people?.value == 1)
        try await server.stop()
    }

    @Test func aMentionInAChannelIsAnsweredInTheThreadOfTheLatestMention() async throws {
        let server = try await SlackTestServer.start()
        let api = server.api
        try await server.mention("hi", ts: "1700000001.000100")
        let menu = await api.nextPost()
        #expect(menu.channel == "C1")
        #expect(menu.threadTS == "1700000001.000100")
        #expect(menu.text == SlackDemoText.menu)
        // A mention inside that thread: replies stay in it.
        try await server.mention("echo", ts: "1700000002.000200", thread: "1700000001.000100")
        let transfer = await api.nextPost()
        #expect(transfer.text == SlackDemoText.transferToEcho)
        #expect(transfer.threadTS == "1700000001.000100")
        _ = await api.nextPost()
        // A new mention in the channel: replies go to its thread, the mention left out of the text.
        try await server.mention("hello", ts: "1700000003.000300")
        let echoed = await api.nextPost()
        #expect(echoed.text == "World: hello")
        #expect(echoed.threadTS == "1700000003.000300")
        // Another user in the same channel is another person, at the start of the demo.
        try await server.mention("hi", from: "U2", ts: "1700000004.000400")
        let other = await api.nextPost()
        #expect(other.text == SlackDemoText.menu)
        #expect(other.threadTS == "1700000004.000400")
        try await server.stop()
    }

    @Test func quickRepliesAreButtonsAndATapReachesTheWorldAndReplacesThem() async throws {
        let server = try await SlackTestServer.start()
        let api = server.api
        try await server.dm("hi")
        let menu = await api.nextPost()
        #expect(menu.buttons.map { $0["value"]?.stringValue } == SlackDemoText.menuChoices)
        #expect(menu.buttons.map { $0["text"]?["text"]?.stringValue } == SlackDemoText.menuChoices)
        #expect(menu.buttons.allSatisfy { $0["type"] == "button" && $0["text"]?["type"] == "plain_text" })
        #expect(Set(menu.buttons.compactMap { $0["action_id"]?.stringValue }).count == SlackDemoText.menuChoices.count)
        #expect(menu.blocks.first?["type"] == "section")
        #expect(menu.blocks.first?["text"]?["text"]?.stringValue == SlackDemoText.menu)

        #expect(try await server.tap("echo", on: menu) == 200)
        let update = await api.next("chat.update")
        #expect(update.channel == "D1")
        #expect(update.body["ts"]?.stringValue == menu.ts)
        #expect(update.blocks.count == 2)
        #expect(update.blocks.first == menu.blocks.first)
        #expect(update.blocks.last?["type"] == "context")
        #expect(update.blocks.last?["elements"]?.arrayValue?.first?["text"] == "You chose: echo")
        #expect(await api.texts(2) == [SlackDemoText.transferToEcho, SlackDemoText.echoWelcome])

        // The same tap replayed is handled once: the echo world would send "World: echo" back.
        try await server.tap("echo", on: menu)
        try await server.dm("hello")
        #expect(await api.nextPost().text == "World: hello")
        #expect(await api.calls("chat.update").count == 1)
        try await server.stop()
    }

    @Test func aTapOnButtonsInAThreadIsAnsweredInThatThread() async throws {
        let server = try await SlackTestServer.start()
        let api = server.api
        try await server.mention("hi", ts: "1700000001.000100")
        let menu = await api.nextPost()
        try await server.tap("echo", on: menu)
        #expect(await api.next("chat.update").channel == "C1")
        let replies = [await api.nextPost(), await api.nextPost()]
        #expect(replies.map(\.text) == [SlackDemoText.transferToEcho, SlackDemoText.echoWelcome])
        #expect(replies.map(\.threadTS) == ["1700000001.000100", "1700000001.000100"])
        try await server.stop()
    }

    @Test func longTextsArriveInOrderedChunksWithinSlacksLimit() async throws {
        let server = try await SlackTestServer.start()
        try await server.dm("hi")
        _ = await server.api.nextPost()
        try await server.dm("echo")
        _ = await server.api.texts(2)
        let long = Array(repeating: "word", count: 1400).joined(separator: " ")  // 6999 characters
        try await server.dm(long)
        try await server.dm("after")
        let chunks = await server.api.posts(through: "World: after").dropLast().compactMap(\.text)
        #expect(chunks.count == 3)
        #expect(chunks.allSatisfy { $0.count <= 3000 })
        #expect(chunks.joined(separator: " ") == "World: " + long)
        try await server.stop()
    }

    @Test func aPersonSilentPastTheIdleTimeoutStartsAgainAtTheOverworld() async throws {
        // Every pause between two posts here is longer than the idle timeout.
        let server = try await SlackTestServer.start(idleTimeout: .milliseconds(1))
        try await server.dm("hi")
        #expect(await server.api.nextPost().text == SlackDemoText.menu)
        // Had the person stayed, "echo" would choose the echo task; they were forgotten.
        try await server.dm("echo")
        #expect(await server.api.nextPost().text == SlackDemoText.menu)
        try await server.stop()
    }
}
