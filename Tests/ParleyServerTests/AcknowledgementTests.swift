import ParleyCore
import ParleyWorlds
import Testing

/// The `ack` extension: numbered messages both ways, kept until acknowledged, sent again after a
/// resume and taken once. ParlAI's clients never see numbers or acknowledgements.
@Suite(.timeLimit(.minutes(5)))
struct AcknowledgementTests {
    @Test func messagesWrittenButNotAcknowledgedAreSentAgainAndClientMessagesAreTakenOnce() async throws {
        let worlds = try await WorldsServer.start()
        let first = try await WebSocketTestClient.connect(port: worlds.port)
        await first.say("hello", ["session": nil, "features": ["ack"], "seq": 1])
        let opening = try await first.frames(messages: 1, acks: 1)
        let session = try #require(opening.messages.first?["session"])
        #expect(opening.messages == [["text": .string(DemoText.menu), "quick_replies": DemoText.menuReplies, "session": session, "seq": 1]])
        #expect(opening.acks == [1])
        await first.say("echo", ["seq": 2])
        await first.say("one", ["seq": 3])
        let echo = try await first.frames(messages: 3, acks: 2)
        #expect(echo.messages.map { $0["text"] } == ["Transferring to echo", .string(DemoText.echoWelcome), "one"])
        #expect(echo.messages.map { $0["seq"] } == [2, 3, 4])
        #expect(echo.acks == [2, 3])
        // Kept only up to 2: as if the socket died with 3 and 4 on the wire.
        await first.send(.text(#"{"ack": 2}"#))
        await first.close()

        let second = try await WebSocketTestClient.connect(port: worlds.port)
        await second.send(.text(JSONValue.object(["session": session, "features": ["ack"]]).jsonText()))
        let again = try await second.frames(messages: 2, acks: 0)
        #expect(again.messages == [
            ["text": .string(DemoText.echoWelcome), "quick_replies": nil, "session": session, "seq": 3],
            ["text": "one", "quick_replies": nil, "session": session, "seq": 4],
        ])
        // "one" sent again, as a client does whose message was not acknowledged: acknowledged, not echoed twice.
        await second.say("one", ["seq": 3])
        #expect(try await second.frames(messages: 0, acks: 1).acks == [3])
        await second.say("two", ["seq": 4])
        let two = try await second.frames(messages: 1, acks: 1)
        #expect(two.messages.map { $0["text"] } == ["two"])
        #expect(two.messages.map { $0["seq"] } == [5])
        await second.send(.text(#"{"ack": 5}"#))
        await second.close()

        // Everything acknowledged: a third connection is sent nothing again.
        let third = try await WebSocketTestClient.connect(port: worlds.port)
        await third.send(.text(JSONValue.object(["session": session, "features": ["ack"]]).jsonText()))
        await third.say("three", ["seq": 5])
        let three = try await third.frames(messages: 1, acks: 1)
        #expect(three.messages.map { $0["text"] } == ["three"])
        #expect(three.messages.map { $0["seq"] } == [6])
        await third.close()
        try await worlds.stop()
    }

    @Test func aMessageIsAcknowledgedOnlyOnceItsRecordIsStored() async throws {
        let (worlds, store) = try await Self.startWithHeldStore()
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        await client.say("hello", ["features": ["ack"], "seq": 1])
        #expect(try await client.frames(messages: 1, acks: 1).acks == [1])
        await client.say("echo", ["seq": 2])
        #expect(try await client.frames(messages: 2, acks: 1).acks == [2])

        store.hold()
        await client.say("kept safe", ["seq": 3])
        try #require(try await client.acksBeforeNotice() == [], "acknowledged while its record was not stored")
        store.release()
        #expect(try await client.nextAck() == 3)
        let records = try await worlds.store.messages(since: nil)
        #expect(records.contains { $0.text == "kept safe" && $0.people.contains($0.speaker) })
        await client.close()
        try await worlds.stop()
    }

    @Test func aMessageStoredAfterAResumeIsAcknowledgedOnTheNewConnection() async throws {
        let (worlds, store) = try await Self.startWithHeldStore()
        let first = try await WebSocketTestClient.connect(port: worlds.port)
        await first.say("hello", ["session": nil, "features": ["ack"], "seq": 1])
        let opening = try await first.frames(messages: 1, acks: 1)
        let session = try #require(opening.messages.first?["session"])
        await first.say("echo", ["seq": 2])
        #expect(try await first.frames(messages: 2, acks: 1).acks == [2])
        store.hold()
        await first.say("in flight", ["seq": 3])
        try #require(try await first.acksBeforeNotice() == [])
        await first.close()

        let second = try await WebSocketTestClient.connect(port: worlds.port)
        await second.send(.text(JSONValue.object(["session": session, "features": ["ack"]]).jsonText()))
        // The resumed connection first hears what the server has done with: up to 2, not 3.
        #expect(try await second.nextAck() == 2)
        // Sent again, as a client does with what was not acknowledged: taken once, and not
        // acknowledged while the original is not stored.
        await second.say("in flight", ["seq": 3])
        try #require(try await second.acksBeforeNotice() == [], "a resent copy was acknowledged before its original was stored")
        store.release()
        #expect(try await second.nextAck() == 3)
        let records = try await worlds.store.messages(since: nil)
        #expect(records.filter { $0.text == "in flight" && $0.people.contains($0.speaker) }.count == 1)
        await second.close()
        try await worlds.stop()
    }

    /// A server whose worlds record through a store that can hold appends back.
    static func startWithHeldStore() async throws -> (WorldsServer, HeldTranscriptStore) {
        var held: HeldTranscriptStore?
        let options = RuntimeOptions(resumeWindow: .seconds(30), shutdownGrace: .milliseconds(300))
        let worlds = try await WorldsServer.start(options: options) { store in
            held = HeldTranscriptStore(store)
            return held ?? store
        }
        return (worlds, try #require(held))
    }

    @Test func parlAIClientsGetNoNumbersAndNoAcknowledgements() async throws {
        let worlds = try await WorldsServer.start()
        let client = try await WebSocketTestClient.connect(port: worlds.port)
        await client.say("hello", ["seq": 1])
        #expect(try await client.next() == ["text": .string(DemoText.menu), "quick_replies": DemoText.menuReplies])
        await client.say("echo", ["seq": 2])
        #expect(try await client.next() == ["text": "Transferring to echo", "quick_replies": nil])
        await client.close()
        try await worlds.stop()
    }
}

extension WebSocketTestClient {
    /// Sends a frame the server refuses at once, and returns the acknowledgements that came before
    /// its notice: those the server had queued for earlier messages.
    func acksBeforeNotice() async throws -> [Int] {
        send(.text("not json"))
        var acks: [Int] = []
        while true {
            let frame = try await next()
            if let number = frame["ack"]?.numberValue {
                acks.append(Int(number))
            } else if frame["seq"] == nil {
                return acks
            }
        }
    }

    /// Reads frames until an acknowledgement; returns its number.
    func nextAck() async throws -> Int {
        while true {
            if let number = try await next()["ack"]?.numberValue { return Int(number) }
        }
    }

    /// Reads frames until `messages` message frames and `acks` acknowledgements have come, in
    /// whatever order the server sent them interleaved.
    func frames(messages: Int, acks: Int) async throws -> (messages: [JSONValue], acks: [Int]) {
        var read: (messages: [JSONValue], acks: [Int]) = ([], [])
        while read.messages.count < messages || read.acks.count < acks {
            let frame = try await next()
            if let number = frame["ack"]?.numberValue {
                read.acks.append(Int(number))
            } else {
                read.messages.append(frame)
            }
        }
        return read
    }
}
