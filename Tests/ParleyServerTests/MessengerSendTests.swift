import ParleyCore
import ParleyWorlds
import Testing

@testable import ParleyServer

/// Sending through the Graph API: retries, sender actions, chunks, quick replies, attachments.
@Suite(.timeLimit(.minutes(5))) struct MessengerSendTests {
    typealias Client = MessengerWebhookClient

    /// Starts a person in the echo world and reads what that sends.
    private func enterEcho(_ server: MessengerTestServer) async throws {
        try await server.client.say("hi")
        _ = await server.graph.nextMessage()
        try await server.client.say("echo")
        _ = await server.graph.texts(2)
    }

    @Test func transientErrorsAreRetriedUntilTheMessageGoesThrough() async throws {
        let server = try await MessengerTestServer.start()
        try await enterEcho(server)
        await server.graph.fail([
            (500, #"{"error":{"message":"Internal","code":2}}"#),
            (400, #"{"error":{"message":"Calls to this api have exceeded the rate limit.","code":613}}"#),
            (403, #"{"error":{"message":"Application request limit reached","code":4}}"#),
        ])
        try await server.client.say("hello")
        let attempts = [await server.graph.nextMessage(), await server.graph.nextMessage(), await server.graph.nextMessage(), await server.graph.nextMessage()]
        #expect(attempts.map(\.status) == [500, 400, 403, 200])
        #expect(attempts.map(\.text) == Array(repeating: "World: hello", count: 4))
        try await server.stop()
    }

    @Test func aPermanentErrorDropsThatMessageAndTheNextOneGoesOn() async throws {
        let server = try await MessengerTestServer.start()
        try await enterEcho(server)
        await server.graph.fail([(400, #"{"error":{"message":"Invalid parameter","code":100}}"#)])
        try await server.client.say("first")
        let refused = await server.graph.nextMessage()
        #expect(refused.text == "World: first")
        #expect(refused.status == 400)
        try await server.client.say("second")
        let second = await server.graph.nextMessage()
        #expect(second.text == "World: second")
        #expect(second.status == 200)
        try await server.stop()
    }

    @Test func longTextsArriveInOrderedChunks() async throws {
        let server = try await MessengerTestServer.start()
        try await enterEcho(server)
        let long = String(repeating: "word ", count: 900)  // 4500 characters
        try await server.client.say(long)
        let chunks = await server.graph.texts(3).compactMap { $0 }
        #expect(chunks.allSatisfy { $0.count <= 2000 })
        #expect(chunks.joined(separator: " ") == "World: " + long)
        try await server.stop()
    }

    @Test func aBotShowsTypingWhileItWorks() async throws {
        let server = try await MessengerTestServer.start(config: TypingFrameTests.config)
        try await server.client.say("hi")
        _ = await server.graph.nextMessage()
        try await server.client.say("begin")
        // The welcome goes out once the (restorable) world has saved it, as it waits for the
        // person: after the typing the bot's opening showed.
        _ = await server.graph.nextMessage()
        try await server.client.say("ping")
        var actions: [String] = []
        while true {
            let request = await server.graph.next()
            if let action = request.senderAction {
                actions.append(action)
                continue
            }
            #expect(request.text == "bot: pong")
            break
        }
        #expect(actions == ["mark_seen", "typing_on", "typing_off"])
        try await server.stop()
    }

    @Test func chunksSplitAtWhitespaceOrHard() {
        let words = String(repeating: "abcd ", count: 500)  // 2500 characters
        let chunks = MessengerOutgoing.chunks(of: words)
        #expect(chunks.count == 2)
        #expect(chunks[0].count == 1999 && chunks[0].hasSuffix("abcd"))
        #expect(chunks[0] + " " + chunks[1] == words)
        let solid = String(repeating: "x", count: 4001)
        #expect(MessengerOutgoing.chunks(of: solid).map(\.count) == [2000, 2000, 1])
        #expect(MessengerOutgoing.chunks(of: "short") == ["short"])
        let emoji = String(repeating: "👋🏽", count: 2001)
        #expect(MessengerOutgoing.chunks(of: emoji).map(\.count) == [2000, 1])
    }

    @Test func quickRepliesAreCutToMessengerLimitsOnTheLastChunk() {
        let choices = (1...15).map { "Choice number \($0) with a long title" } + ["ok"]
        let message = Message(text: String(repeating: "y", count: 2500), quickReplies: choices, id: "World")
        let (bodies, problems) = MessengerOutgoing.bodies(for: message, to: "42")
        #expect(bodies.count == 2)
        #expect(bodies[0]["message"]?["quick_replies"] == nil)
        guard case .array(let replies) = bodies[1]["message"]?["quick_replies"] else {
            Issue.record("no quick replies on the last chunk")
            return
        }
        #expect(replies.count == 13)
        #expect(replies[0]["title"] == "Choice number 1 wit…")
        #expect(replies[0]["title"]?.stringValue?.count == 20)
        #expect(replies[0]["payload"] == "Choice number 1 with a long title")
        #expect(problems == ["16 quick replies, Messenger shows 13: the rest were left out"])
        #expect(bodies.allSatisfy { $0["recipient"] == ["id": "42"] })
    }

    @Test func payloadsGoOutAsAttachmentsWithoutPrefix() {
        let template: JSONValue = ["type": "template", "payload": ["template_type": "button", "text": "Pick", "buttons": []]]
        let (bodies, problems) = MessengerOutgoing.bodies(for: Message(text: "ignored", payload: template, quickReplies: ["a"], id: "World"), to: "1")
        #expect(problems.isEmpty)
        #expect(bodies == [["recipient": ["id": "1"], "messaging_type": "RESPONSE", "message": [
            "attachment": template, "quick_replies": [["content_type": "text", "title": "a", "payload": "a"]],
        ]]])
        let media = MessengerOutgoing.bodies(for: Message(payload: ["type": "image", "url": "https://example.com/a.png"]), to: "1")
        #expect(media.bodies.first?["message"]?["attachment"] == ["type": "image", "payload": ["url": "https://example.com/a.png", "is_reusable": true]])
        let unknown = MessengerOutgoing.bodies(for: Message(payload: ["type": "image", "data": "AAAA"]), to: "1")
        #expect(unknown.bodies.isEmpty)
        #expect(unknown.problems.count == 1)
        #expect(MessengerOutgoing.bodies(for: Message(text: "no speaker"), to: "1").bodies.first?["message"]?["text"] == "no speaker")
        #expect(MessengerOutgoing.bodies(for: Message(text: "", id: "World"), to: "1").bodies.isEmpty)
    }

    /// The consent notice's payload is for clients that read it: Messenger gets its text and answers
    /// (rather than nothing, the payload being no attachment).
    @Test func theConsentNoticeGoesOutAsTextWithItsAnswers() {
        let notice = ConsentNotice(text: "We record this.").message
        let (bodies, problems) = MessengerOutgoing.bodies(for: notice, to: "7")
        #expect(problems.isEmpty)
        #expect(bodies.first?["message"]?["text"] == "World: We record this.")
        #expect(bodies.first?["message"]?["quick_replies"]?.arrayValue?.count == 2)
    }
}

@Suite(.timeLimit(.minutes(5))) struct MessengerProfileTests {
    @Test func setupPostsGetStartedGreetingAndTaskMenu() async throws {
        let graph = try await FakeGraphServer.start()
        let tasks = ["echo", "onboard data", "chat", "a task with a name longer than thirty characters"]
        let profile = MessengerProfile(greeting: "Hi there", menu: tasks)
        await graph.fail([(503, #"{"error":{"message":"busy","code":2}}"#)])
        try await profile.apply(options: MessengerTestServer.options(graphURL: graph.graphURL))
        _ = await graph.next()
        let request = await graph.next()
        #expect(request.path == "me/messenger_profile")
        #expect(request.status == 200)
        #expect(request.accessToken == MessengerWebhookClient.pageToken)
        #expect(request.body["get_started"] == ["payload": "GET_STARTED"])
        #expect(request.body["greeting"] == [["locale": "default", "text": "Hi there"]])
        let items = request.body["persistent_menu"]?.arrayFirst?["call_to_actions"]
        #expect(items == [
            ["type": "postback", "title": "echo", "payload": "echo"],
            ["type": "postback", "title": "onboard data", "payload": "onboard data"],
            ["type": "postback", "title": "chat", "payload": "chat"],
            ["type": "postback", "title": "a task with a name longer tha…", "payload": .string(tasks[3])],
        ])
        try await graph.stop()
    }

    @Test func setupReportsAPermanentRefusal() async throws {
        let graph = try await FakeGraphServer.start()
        await graph.fail([(400, #"{"error":{"message":"Invalid OAuth access token.","code":190}}"#)])
        await #expect {
            try await MessengerProfile(greeting: "Hi", menu: ["echo"]).apply(options: MessengerTestServer.options(graphURL: graph.graphURL))
        } throws: { error in
            "\(error)".contains("Invalid OAuth access token.") && "\(error)".contains("190")
        }
        try await graph.stop()
    }
}

extension JSONValue {
    fileprivate var arrayFirst: JSONValue? {
        if case .array(let items) = self { items.first } else { nil }
    }
}
