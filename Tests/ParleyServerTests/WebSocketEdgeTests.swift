import Foundation
import NIOCore
import NIOPosix
import ParleyCore
import ParleyServer
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The WebSocket edge against a stand-in runtime: protocol shapes, errors, sessions, shutdown.
@Suite(.timeLimit(.minutes(1))) struct WebSocketEdgeTests {
    @Test func nothingIsSentBeforeTheFirstMessageAndFramesHaveParlAIShape() async throws {
        let host = EchoHost()
        let server = try await RunningServer.start(runtime: host)
        let client = try await TestClient.connect(port: server.port)
        await client.say("hello")
        // Had the server said anything first, this would be that frame instead.
        #expect(try await client.next() == ["text": "Hello! Say something.", "quick_replies": ["hi", "bye"]])
        await client.send(.text(#"{"text": "ping", "payload": {"type": "image", "data": "AAAA"}, "id": "Person"}"#))
        #expect(try await client.next() == ["text": "echo: ping", "payload": ["type": "image", "data": "AAAA"], "quick_replies": nil])
        await client.say("bye")
        let (frames, close) = try await client.closed()
        #expect(frames == [#"{"quick_replies":null,"text":"See you later!"}"#])
        #expect(close?.closeCode == .normalClosure)
        try await server.stop()
    }

    @Test func malformedFramesGetAnErrorFrameAndTheConnectionStaysOpen() async throws {
        let host = EchoHost()
        let server = try await RunningServer.start(runtime: host)
        let client = try await TestClient.connect(port: server.port)
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
        #expect(try await client.nextText() == "Hello! Say something.")
        await client.say("still here")
        #expect(try await client.nextText() == "echo: still here")
        await client.close()
        try await server.stop()
    }

    @Test func oversizeMessagesAreRefusedAndTheConnectionStaysOpen() async throws {
        let host = EchoHost()
        let server = try await RunningServer.start(runtime: host)
        let client = try await TestClient.connect(port: server.port)
        await client.say("hello")
        #expect(try await client.nextText() == "Hello! Say something.")
        let big = String(repeating: "x", count: 70_000)
        await client.say(big)
        #expect(try await client.nextText().contains("more than the limit of 65536 bytes"))
        await client.send(.fragmented(JSONValue.object(["text": .string(big)]).jsonText(), fragmentSize: 16_000))
        #expect(try await client.nextText().contains("more than the limit of 65536 bytes"))
        await client.send(.fragmented(#"{"text": "in pieces"}"#, fragmentSize: 4))
        #expect(try await client.nextText() == "echo: in pieces")
        await client.close()
        try await server.stop()
    }

    @Test func aFrameOverTheTransportLimitClosesWithMessageTooBig() async throws {
        let host = EchoHost()
        let server = try await RunningServer.start(runtime: host, webSocket: WebSocketOptions(maxFrameSize: 128 * 1024))
        let client = try await TestClient.connect(port: server.port)
        await client.say(String(repeating: "x", count: 200 * 1024))
        let (frames, close) = try await client.closed()
        #expect(frames.isEmpty)
        #expect(close?.closeCode == .messageTooLarge)
        try await server.stop()
    }

    @Test func aConnectionThatNeverAnswersPingsIsClosed() async throws {
        let server = try await RunningServer.start(runtime: EchoHost(), webSocket: WebSocketOptions(pingInterval: .milliseconds(200)))
        // A bare TCP client that upgrades, then ignores everything, pings included.
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: server.port).get()
        let upgrade = "GET /websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        try await channel.writeAndFlush(ByteBuffer(string: upgrade))
        // Completes only when the server gives up on the silent connection.
        try await channel.closeFuture.get()
        try await server.stop()
    }

    @Test func healthAnswersOK() async throws {
        let server = try await RunningServer.start(runtime: EchoHost())
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/health"))
        let (body, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self) == "ok")
        try await server.stop()
    }

    @Test func socketCloseDisconnectsAPersonWithoutSession() async throws {
        let host = EchoHost()
        let server = try await RunningServer.start(runtime: host)
        let client = try await TestClient.connect(port: server.port)
        await client.say("hello")
        _ = try await client.next()
        await client.close()
        var events = host.events.makeAsyncIterator()
        guard case .connected(let person)? = await events.next() else { Issue.record("no connect"); return }
        #expect(await events.next() == .disconnected(person))
        try await server.stop()
    }

    @Test func aSessionResumesAfterADropWithoutLostOrDuplicateMessages() async throws {
        let host = EchoHost()
        let server = try await RunningServer.start(runtime: host)
        let first = try await TestClient.connect(port: server.port)
        await first.say("hello", ["session": nil])
        let greeting = try await first.next()
        let token = try #require(greeting["session"]?.stringValue)
        #expect(greeting["text"] == "Hello! Say something.")
        await first.say("one")
        #expect(try await first.next() == ["text": "echo: one", "quick_replies": nil, "session": .string(token)])
        await first.close()
        var events = host.events.makeAsyncIterator()
        guard case .connected(let person)? = await events.next() else { Issue.record("no connect"); return }
        #expect(await events.next() == .detached(person))
        await host.announce("while you were away")

        let second = try await TestClient.connect(port: server.port)
        await second.send(.text(JSONValue.object(["session": .string(token)]).jsonText()))
        #expect(try await second.next() == ["text": "while you were away", "quick_replies": nil, "session": .string(token)])
        await second.say("two")
        #expect(try await second.nextText() == "echo: two")
        #expect(await events.next() == .resumed(person))
        await second.say("bye")
        let (frames, _) = try await second.closed()
        #expect(frames.count == 1 && frames[0].contains("See you later!"))
        #expect(await events.next() == .disconnected(person))
        try await server.stop()
    }

    @Test func anUnknownSessionTokenStartsANewSession() async throws {
        let host = EchoHost()
        let server = try await RunningServer.start(runtime: host)
        let client = try await TestClient.connect(port: server.port)
        await client.send(.text(#"{"session": "not-a-real-token"}"#))
        let notice = try await client.next()
        #expect(notice["text"]?.stringValue?.contains("unknown or has expired") == true)
        let token = try #require(notice["session"]?.stringValue)
        #expect(token != "not-a-real-token")
        await client.say("hello")
        #expect(try await client.next()["session"] == .string(token))
        await client.close()
        try await server.stop()
    }

    @Test func gracefulShutdownWarnsPeopleAndClosesSocketsWithACloseFrame() async throws {
        let host = EchoHost()
        let server = try await RunningServer.start(runtime: host)
        let alice = try await TestClient.connect(port: server.port)
        let bob = try await TestClient.connect(port: server.port)
        let lurker = try await TestClient.connect(port: server.port)
        for client in [alice, bob] {
            await client.say("hello")
            _ = try await client.next()
        }
        try await server.stop()
        for client in [alice, bob] {
            let (frames, close) = try await client.closed()
            #expect(frames.contains { $0.contains("The server is shutting down.") })
            #expect(close?.closeCode == .normalClosure)
        }
        let (lurkerFrames, lurkerClose) = try await lurker.closed()
        #expect(lurkerFrames.isEmpty)
        #expect(lurkerClose != nil)
        #expect(await host.shutdownCount == 1)
    }
}
