import ParleyCore
import Testing

/// Typing frames: sent to clients that list `typing` in their `features`, never to ParlAI's clients.
@Suite(.timeLimit(.minutes(5)))
struct TypingFrameTests {
    static let config = """
        tasks:
          default:
            task_world: MessengerBotChatTaskWorld
            timeout: 60
        task_name: chatbot
        world_module: parlai.chat_service.tasks.chatbot.worlds
        overworld: MessengerOverworld
        max_workers: 10
        opt:
          models:
            bot: {model: repeat, replies: pong}
        """

    @Test func aClientThatAskedSeesTheBotTypingBeforeItsReply() async throws {
        let worlds = try await WorldsServer.start(config: Self.config)
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        await client.send(.text(#"{"features": ["typing"]}"#))
        await client.say("hi")
        _ = try await client.nextText()
        await client.say("begin")
        _ = try await client.next(containing: "Welcome to the ParlAI Chatbot demo")
        await client.say("ping")
        var frames: [JSONValue] = []
        while true {
            let frame = try await client.next()
            frames.append(frame)
            if frame["text"] == "pong" { break }
        }
        let typing = frames.compactMap { $0["typing"] }
        #expect(typing.suffix(2) == [true, false])
        #expect(frames.dropLast().allSatisfy { $0["text"] == nil }, "only typing frames before the reply: \(frames)")
        await client.close()
        try await worlds.stop()
    }

    @Test func aParlAIClientGetsOnlyParlAIFrames() async throws {
        let worlds = try await WorldsServer.start(config: Self.config)
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        await client.say("hi")
        _ = try await client.nextText()
        await client.say("begin")
        let welcome = try await client.next()
        #expect(welcome["text"]?.stringValue?.hasPrefix("Welcome to the ParlAI Chatbot demo") == true)
        await client.say("ping")
        let reply = try await client.next()
        #expect(reply == ["text": "pong", "quick_replies": nil])
        await client.close()
        try await worlds.stop()
    }
}
