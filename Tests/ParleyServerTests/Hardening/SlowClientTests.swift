import Foundation
import ParleyCore
import ParleyServer
import Testing

/// Clients that do not keep up: one that never reads is closed with 1008 while the server's queues
/// stay within their bounds; a slow but honest one keeps working; bad UTF-8 closes with 1007.
@Suite(.timeLimit(.minutes(5)))
struct SlowClientTests {
    /// Sends `count` echo messages of `size` bytes without reading; false once a send fails.
    static func flood(_ client: RawClient, count: Int, size: Int) async -> Bool {
        let frame = Array(JSONValue.object(["text": .string(String(repeating: "N", count: size))]).jsonText().utf8)
        for _ in 0..<count {
            guard await client.sendFrame(frame) else { return false }
        }
        return true
    }

    /// A raw client in the echo task, which has not read the menu or the welcome.
    static func echoClient(port: Int) async throws -> RawClient {
        let client = try await RawClient.connect(port: port, receiveBuffer: 4096)
        #expect(try await client.upgrade().hasPrefix("HTTP/1.1 101"))
        #expect(await client.sendFrame(Array(#"{"text": "hello"}"#.utf8)))
        #expect(await client.sendFrame(Array(#"{"text": "echo"}"#.utf8)))
        return client
    }

    @Test(arguments: [
        // Over the queue's byte bound first: the writer still takes frames now and then.
        WebSocketOptions(maxQueuedBytes: 256 * 1024, writeTimeout: .seconds(600)),
        // The socket takes nothing for a second: the bound is never reached.
        WebSocketOptions(maxQueuedBytes: 64 * 1024 * 1024, writeTimeout: .seconds(1)),
    ])
    func aClientThatNeverReadsIsClosedAndOthersGoOn(options: WebSocketOptions) async throws {
        let worlds = try await WorldsServer.start(webSocket: options)
        let bystander = try await WebSocketTestClient.connect(port: worlds.port)
        try await bystander.enterEcho()

        let abuser = try await Self.echoClient(port: worlds.port)
        // 24 MB of echoes: far more than the queue bound and the sockets' buffers hold.
        _ = await Self.flood(abuser, count: 400, size: 60_000)
        // The server closes the connection: reading what made it out ends, well short of it all.
        let received = try await abuser.readToEnd(timeout: 60)
        #expect(received.count < 20_000_000)

        await bystander.say("still here")
        #expect(try await bystander.nextText() == "still here")
        let metrics = try await HTTPProbe.get("/metrics", port: worlds.port)
        let peak = metrics.body.split(separator: "\n").first { $0.hasPrefix("parley_websocket_queued_bytes_peak ") }
        let peakBytes = try #require(peak.flatMap { Int($0.split(separator: " ")[1]) })
        #expect(peakBytes <= min(options.maxQueuedBytes, 64 * 1024 * 1024) + 61_000)
        try await worlds.stop()
    }

    @Test func aClientThatSendsFasterThanItsWorldReadsIsNotRead() async throws {
        let worlds = try await WorldsServer.start()
        let bystander = try await WebSocketTestClient.connect(port: worlds.port)
        try await bystander.enterEcho()
        // Waiting for a chat partner who never comes: nothing reads what this person types.
        let waiting = try await RawClient.connect(port: worlds.port, sendTimeout: 3)
        #expect(try await waiting.upgrade().hasPrefix("HTTP/1.1 101"))
        #expect(await waiting.sendFrame(Array(#"{"text": "hello"}"#.utf8)))
        #expect(await waiting.sendFrame(Array(#"{"text": "chat"}"#.utf8)))
        // 20 MB of small messages: a server that keeps reading takes them all at once; one that
        // stops after its window lets the socket fill, and a send moves nothing for 3 seconds.
        #expect(!(await Self.flood(waiting, count: 20_000, size: 1_000)))
        await bystander.say("still here")
        #expect(try await bystander.nextText() == "still here")
        try await worlds.stop()
    }

    @Test func aSlowButHonestClientGetsEverything() async throws {
        let worlds = try await WorldsServer.start()
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        try await client.enterEcho()
        let texts = (1...300).map { "\($0) " + String(repeating: "x", count: 2_000) }
        for text in texts { await client.say(text) }
        var received: [String] = []
        for index in texts.indices {
            received.append(try await client.nextText())
            // A phone on a poor network: it reads in bursts.
            if index % 50 == 49 { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(received == texts)
        try await worlds.stop()
    }

    @Test func invalidUTF8ClosesTheConnectionWith1007() async throws {
        let worlds = try await WorldsServer.start()
        let client = try await RawClient.connect(port: worlds.port)
        #expect(try await client.upgrade().hasPrefix("HTTP/1.1 101"))
        // {"text": "\u{C3}("}: 0xC3 starts a two-byte sequence that "(" does not continue.
        #expect(await client.sendFrame(Array(#"{"text": ""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)))
        let frame = try await client.readFrame()
        #expect(frame.opcode == 8)
        #expect(frame.payload.prefix(2).elementsEqual([0x03, 0xEF]))
        try await worlds.stop()
    }
}

