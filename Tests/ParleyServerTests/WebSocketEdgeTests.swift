import Foundation
import NIOCore
import NIOPosix
import ParleyCore
import ParleyServer
import ParleyWorlds
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The WebSocket edge on the real world runtime running the overworld demo: protocol shapes, errors,
/// sessions, shutdown.
@Suite(.timeLimit(.minutes(5))) struct WebSocketEdgeTests {
    @Test func nothingIsSentBeforeTheFirstMessageAndFramesHaveParlAIShape() async throws {
        let worlds = try await WorldsServer.start()
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        await client.say("hello")
        // Had the server said anything first, this would be that frame instead.
        #expect(try await client.next() == ["text": .string(DemoText.menu), "quick_replies": DemoText.menuReplies])
        await client.say("echo")
        #expect(try await client.texts(2) == ["Transferring to echo", DemoText.echoWelcome])
        await client.send(.text(#"{"text": "ping", "payload": {"type": "image", "data": "AAAA"}, "id": "Person"}"#))
        #expect(try await client.next() == ["text": "ping", "payload": ["type": "image", "data": "AAAA"], "quick_replies": nil])
        await client.close()
        try await worlds.stop()
    }

    @Test func malformedFramesGetAnErrorFrameAndTheConnectionStaysOpen() async throws {
        let worlds = try await WorldsServer.start()
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        await client.send(.text("not json"))
        let notJSON = try await client.next()
        #expect(notJSON["quick_replies"] == .null)
        #expect(notJSON["text"]?.stringValue?.contains("not JSON") == true)
        await client.send(.text("[1, 2]"))
        #expect(try await client.nextText().contains("not an object"))
        await client.send(.text(#"{"text": 42}"#))
        #expect(try await client.nextText().contains(#""text" must be a string"#))
        await client.send(.binary([1, 2, 3]))
        #expect(try await client.nextText().contains("binary"))
        await client.say("hello")
        #expect(try await client.nextText() == DemoText.menu)
        await client.say("echo")
        await client.say("still here")
        #expect(try await client.texts(3) == ["Transferring to echo", DemoText.echoWelcome, "still here"])
        await client.close()
        try await worlds.stop()
    }

    @Test func oversizeMessagesAreRefusedAndTheConnectionStaysOpen() async throws {
        let worlds = try await WorldsServer.start()
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        await client.say("hello")
        #expect(try await client.nextText() == DemoText.menu)
        await client.say("echo")
        #expect(try await client.texts(2) == ["Transferring to echo", DemoText.echoWelcome])
        let big = String(repeating: "x", count: 70_000)
        await client.say(big)
        #expect(try await client.nextText().contains("more than the limit of 65536 bytes"))
        await client.send(.fragmented(JSONValue.object(["text": .string(big)]).jsonText(), fragmentSize: 16_000))
        #expect(try await client.nextText().contains("more than the limit of 65536 bytes"))
        await client.send(.fragmented(#"{"text": "in pieces"}"#, fragmentSize: 4))
        #expect(try await client.nextText() == "in pieces")
        await client.close()
        try await worlds.stop()
    }

    @Test func aFrameOverTheTransportLimitClosesWithMessageTooBig() async throws {
        let worlds = try await WorldsServer.start(webSocket: WebSocketOptions(maxFrameSize: 128 * 1024))
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        await client.say(String(repeating: "x", count: 200 * 1024))
        let (frames, close) = try await client.closed()
        #expect(frames.isEmpty)
        #expect(close?.closeCode == .messageTooLarge)
        try await worlds.stop()
    }

    @Test func aConnectionThatNeverAnswersPingsIsClosed() async throws {
        let worlds = try await WorldsServer.start(webSocket: WebSocketOptions(pingInterval: .milliseconds(200)))
        // A bare TCP client that upgrades, then ignores everything, pings included.
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: worlds.port).get()
        let upgrade = "GET /websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        try await channel.writeAndFlush(ByteBuffer(string: upgrade))
        // Completes only when the server gives up on the silent connection.
        try await channel.closeFuture.get()
        try await worlds.stop()
    }

    @Test func healthAnswersOK() async throws {
        let worlds = try await WorldsServer.start()
        let url = try #require(URL(string: "http://127.0.0.1:\(worlds.port)/health"))
        let (body, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self) == "ok")
        try await worlds.stop()
    }

    @Test func socketCloseDisconnectsAPersonWithoutSessionAtOnce() async throws {
        // The resume window outlasts the suite's time limit: only a disconnect can end the chat in time.
        let worlds = try await WorldsServer.start()
        let ann = try await WebSocketTestClient.connect(port: worlds.port)
        let bob = try await WebSocketTestClient.connect(port: worlds.port)
        try await ann.enterChat(as: "Ann")
        try await bob.enterChat(as: "Bob")
        await ann.say("hello?")
        #expect(try await bob.nextChatText() == "hello?")
        await ann.close()
        #expect(try await bob.nextChatText() == RuntimeText.partnerLeft)
        #expect(try await bob.nextText() == DemoText.menu)
        await bob.close()
        try await worlds.stop()
    }

    @Test func aSessionResumesAfterADropWithoutLostOrDuplicateMessages() async throws {
        // The echo world gives up on a silent person after a second: what it says then reaches the
        // person whether it comes before the drop (written to the dying socket, never acknowledged)
        // or after it (kept for the resume).
        let config = WorldsServer.demoConfig(echo: "timeout: 180\n    response_timeout: 1")
        let worlds = try await WorldsServer.start(config: config)
        let first = try await WebSocketTestClient.connect(port: worlds.port)
        await first.say("hello", ["session": nil, "features": ["ack"]])
        let menu = try await first.next()
        let token = try #require(menu["session"]?.stringValue)
        let session = JSONValue.string(token)
        #expect(menu["text"] == .string(DemoText.menu))
        await first.say("echo")
        await first.say("one")
        #expect(try await first.texts(3) == ["Transferring to echo", DemoText.echoWelcome, "one"])
        await first.send(.text(#"{"ack": 4}"#))
        await first.close()

        let second = try await WebSocketTestClient.connect(port: worlds.port)
        await second.send(.text(JSONValue.object(["session": session]).jsonText()))
        // Nothing acknowledged comes again; both later messages come once, in order. The server
        // also says where it stands with the client's messages (none were numbered), after what it
        // held for the client.
        var frames: [JSONValue] = []
        for _ in 1...3 { frames.append(try await second.next()) }
        #expect(frames.contains(["ack": 0]))
        #expect(frames.filter { $0["ack"] == nil } == [
            ["text": .string(RuntimeText.timedOut), "quick_replies": nil, "session": session, "seq": 5],
            ["text": .string(DemoText.menu), "quick_replies": DemoText.menuReplies, "session": session, "seq": 6],
        ])
        await second.say("echo")
        await second.say("two")
        #expect(try await second.texts(3) == ["Transferring to echo", DemoText.echoWelcome, "two"])
        await second.close()
        try await worlds.stop()
    }

    @Test func aClientThatNeverAnswersTheServersCloseFrameIsDisconnected() async throws {
        let worlds = try await WorldsServer.start(webSocket: WebSocketOptions(closeTimeout: .milliseconds(200)))
        // A raw client that asks for a session, then reads until the server drops the TCP
        // connection, never answering the close frame it gets when its session is resumed elsewhere.
        let raw = try await RawClient.connect(port: worlds.port)
        #expect(try await raw.upgrade().hasPrefix("HTTP/1.1 101"))
        #expect(await raw.sendFrame(Array(#"{"text": "hello", "session": null}"#.utf8)))
        var token: Substring?
        var seen: [String] = []
        while token == nil {
            let frame = try await raw.readFrame()
            let text = String(decoding: frame.payload, as: UTF8.self)
            seen.append("\(frame.opcode): \(text)")
            token = text.firstMatch(of: /"session":"([^"]+)"/)?.1
        }
        let other = try await WebSocketTestClient.connect(port: worlds.port)
        await other.send(.text(JSONValue.object(["session": .string(String(try #require(token)))]).jsonText()))
        var close: [UInt8]?
        while close == nil {
            let frame = try await raw.readFrame()
            seen.append("\(frame.opcode): \(String(decoding: frame.payload, as: UTF8.self))")
            if frame.opcode == 8 { close = frame.payload }
        }
        let reason = String(decoding: try #require(close).dropFirst(2), as: UTF8.self)
        #expect(reason == "Your session was resumed on another connection.", "frames: \(seen)")
        // Nothing follows the close frame, and the server ends the connection itself.
        #expect(try await raw.readToEnd() == [])
        await other.close()
        try await worlds.stop()
    }

    @Test func anUnknownSessionTokenStartsANewSession() async throws {
        let worlds = try await WorldsServer.start()
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        await client.send(.text(#"{"session": "not-a-real-token"}"#))
        let notice = try await client.next()
        #expect(notice["text"]?.stringValue?.contains("unknown or has expired") == true)
        let token = try #require(notice["session"]?.stringValue)
        #expect(token != "not-a-real-token")
        await client.say("hello")
        let menu = try await client.next()
        #expect(menu["text"] == .string(DemoText.menu))
        #expect(menu["session"] == .string(token))
        await client.close()
        try await worlds.stop()
    }

    @Test func gracefulShutdownWarnsPeopleOnceAndClosesSocketsWithACloseFrame() async throws {
        let worlds = try await WorldsServer.start()
        let alice = try await WebSocketTestClient.connect(port: worlds.port)
        let bob = try await WebSocketTestClient.connect(port: worlds.port)
        let lurker = try await WebSocketTestClient.connect(port: worlds.port)
        for client in [alice, bob] {
            await client.say("hello")
            #expect(try await client.nextText() == DemoText.menu)
        }
        try await worlds.stop()
        let warning = RuntimeText.goingOffline(within: .milliseconds(300))
        for client in [alice, bob] {
            let (frames, close) = try await client.closed()
            #expect(frames == [#"{"quick_replies":null,"text":"\#(warning)"}"#])
            #expect(close?.closeCode == .goingAway)
        }
        let (lurkerFrames, lurkerClose) = try await lurker.closed()
        #expect(lurkerFrames.isEmpty)
        #expect(lurkerClose != nil)
    }
}
