import ParleyCore
import ParleyWorlds
import Testing

@testable import ParleyServer

@Suite struct FrameCodecTests {
    @Test func readsTextAndPayloadAndIgnoresOtherKeys() throws {
        let frame = try ClientFrame.decode(#"{"text": "hi", "payload": {"type": "image"}, "id": "Person", "extra": [1]}"#)
        #expect(frame.text == "hi")
        #expect(frame.payload == ["type": "image"])
        #expect(frame.session == nil)
        #expect(frame.message == Message(text: "hi", payload: ["type": "image"]))
    }

    @Test func textDefaultsToEmptyAndPayloadToNil() throws {
        let frame = try ClientFrame.decode(#"{"id": "Person"}"#)
        #expect(frame.text == "")
        #expect(frame.payload == nil)
        #expect(!frame.isControlOnly)
        let nulls = try ClientFrame.decode(#"{"text": null, "payload": null}"#)
        #expect(nulls.text == "" && nulls.payload == nil)
    }

    @Test(arguments: ["hello", "", "[1, 2]", "\"text\"", "42", "{\"text\": 5}", "{\"text\": \"a\", \"session\": 3}", "{\"text\": [\"a\"]}"])
    func refusesMalformedFrames(text: String) {
        #expect(throws: FrameError.self) { try ClientFrame.decode(text) }
    }

    @Test func errorsSayWhatWasWrong() {
        #expect(FrameError.notJSON.description.contains("not JSON"))
        #expect(FrameError.notAnObject.description.contains("not an object"))
        #expect(FrameError.wrongType(key: "text", expected: "a string", found: 5).description.contains(#""text" must be a string, not 5"#))
        #expect(FrameError.tooLarge(size: 70000, limit: 65536).description.contains("70000 bytes, more than the limit of 65536 bytes"))
        do {
            _ = try ClientFrame.decode(#"{"text": true}"#)
            Issue.record("a boolean text was accepted")
        } catch {
            #expect(error == .wrongType(key: "text", expected: "a string", found: true))
        }
    }

    @Test func readsSessionRequests() throws {
        #expect(try ClientFrame.decode(#"{"session": null}"#).session == .new)
        #expect(try ClientFrame.decode(#"{"session": ""}"#).session == .new)
        #expect(try ClientFrame.decode(#"{"session": "abc"}"#).session == .resume(token: "abc"))
        #expect(try ClientFrame.decode(#"{"session": "abc"}"#).isControlOnly)
        #expect(try !ClientFrame.decode(#"{"session": "abc", "text": "hi"}"#).isControlOnly)
    }

    @Test func readsFeatureRequests() throws {
        let frame = try ClientFrame.decode(#"{"features": ["typing", "future"]}"#)
        #expect(frame.features == ["typing", "future"])
        #expect(frame.isControlOnly)
        #expect(try !ClientFrame.decode(#"{"features": [], "text": "hi"}"#).isControlOnly)
        #expect(throws: FrameError.wrongType(key: "features", expected: "a list of strings", found: "typing")) {
            try ClientFrame.decode(#"{"features": "typing"}"#)
        }
        #expect(throws: FrameError.self) { try ClientFrame.decode(#"{"features": [1]}"#) }
    }

    @Test func readsMessageNumbersAndAcknowledgements() throws {
        let message = try ClientFrame.decode(#"{"text": "hi", "seq": 7}"#)
        #expect(message.sequence == 7 && message.acknowledged == nil && !message.isControlOnly)
        let ack = try ClientFrame.decode(#"{"ack": 12}"#)
        #expect(ack.acknowledged == 12 && ack.sequence == nil && ack.isControlOnly)
        #expect(try ClientFrame.decode(#"{"text": "hi", "seq": null}"#).sequence == nil)
        #expect(throws: FrameError.wrongType(key: "seq", expected: "a whole number from 0 up", found: -1)) {
            try ClientFrame.decode(#"{"text": "hi", "seq": -1}"#)
        }
        #expect(throws: FrameError.wrongType(key: "ack", expected: "a whole number from 0 up", found: 1.5)) {
            try ClientFrame.decode(#"{"ack": 1.5}"#)
        }
        #expect(throws: FrameError.self) { try ClientFrame.decode(#"{"ack": "3"}"#) }
        #expect(throws: FrameError.self) { try ClientFrame.decode(#"{"seq": 1e300}"#) }
    }

    @Test func encodesParlAIShapeExactly() throws {
        let plain = ServerFrame(Message(text: "Hello", id: "World"))
        #expect(try JSONValue.parse(plain.jsonText) == ["text": "Hello", "quick_replies": nil])
        let choices = ServerFrame(Message(text: "Pick", quickReplies: ["echo", "EXIT"]))
        #expect(try JSONValue.parse(choices.jsonText) == ["text": "Pick", "quick_replies": ["echo", "EXIT"]])
        let image = ServerFrame(Message(payload: ["type": "image", "data": "AAAA"]))
        #expect(try JSONValue.parse(image.jsonText) == ["text": "", "payload": ["type": "image", "data": "AAAA"], "quick_replies": nil])
        let withSession = ServerFrame(Message(text: "Hi"), session: "tok")
        #expect(try JSONValue.parse(withSession.jsonText) == ["text": "Hi", "quick_replies": nil, "session": "tok"])
        let numbered = ServerFrame(Message(text: "Hi"), session: "tok", sequence: 3)
        #expect(numbered.jsonText.contains(#""seq":3"#))
        #expect(try JSONValue.parse(numbered.jsonText) == ["text": "Hi", "quick_replies": nil, "session": "tok", "seq": 3])
    }

    @Test func sessionTokensAreLongAndDistinct() {
        let tokens = (0..<200).map { _ in SessionToken.make() }
        #expect(Set(tokens).count == tokens.count)
        #expect(tokens.allSatisfy { $0.count == 43 })
    }

    @Test func richFramesSayWhoSpeaksAndTitleRepliesWhileParlAIsFramesStayTheSame() throws {
        let bob = Message(text: "hi", id: "Bob", role: .person)
        #expect(try JSONValue.parse(ServerFrame(bob, rich: true).jsonText) == ["text": "hi", "quick_replies": nil, "from": ["role": "person", "name": "Bob"]])
        #expect(ServerFrame(bob).jsonText == #"{"quick_replies":null,"text":"hi"}"#)

        let titled = Message(text: "Size?", quickReplies: ["l", "s"], quickReplyTitles: ["l": "Large"], id: "World")
        #expect(try JSONValue.parse(ServerFrame(titled, rich: true).jsonText) == [
            "text": "Size?", "quick_replies": ["l", "s"], "from": ["role": "world", "name": "World"],
            "replies": [["title": "Large", "value": "l"], ["title": "s", "value": "s"]],
        ])
        #expect(try JSONValue.parse(ServerFrame(titled).jsonText) == ["text": "Size?", "quick_replies": ["l", "s"]])

        // An operator's name starts the text for clients that show no speakers.
        let dana = Message(text: "hello", id: "Dana", role: .operator)
        #expect(ServerFrame(dana).text == "Dana: hello")
        #expect(ServerFrame(dana, rich: true).text == "hello")

        // The password prompt's marker is for the chat page only.
        let prompt = Message(text: "Password?", payload: ["type": "password"], role: .notice)
        #expect(ServerFrame(prompt).payload == nil)
        #expect(ServerFrame(prompt, rich: true).payload == ["type": "password"])

        #expect(ServerFrame.statusText(.paired(with: ["Bob"])) == #"{"status":"paired","with":["Bob"]}"#)
        #expect(try JSONValue.parse(ServerFrame.statusText(.partnerAway("Bob"))) == ["status": "away", "name": "Bob"])
        #expect(ServerFrame.statusText(.clear) == #"{"status":"clear"}"#)
    }

    @Test func aRoleHoldsOnlyUnderTheIdItWasGivenWith() {
        var act = Message(text: "echo me", id: "Ann", role: .person)
        #expect(act.role == .person)
        // ParlAI's echo: the world passes the act on as its own.
        act.id = "World"
        #expect(act.role == nil)
        act.role = .bot
        #expect(act.role == .bot)
    }

    @Test func readsTypingLeaveAndTask() throws {
        let typing = try ClientFrame.decode(#"{"typing": true}"#)
        #expect(typing.typing == true && typing.isControlOnly)
        let leave = try ClientFrame.decode(#"{"leave": true}"#)
        #expect(leave.isLeaving && leave.isControlOnly)
        let greeting = try ClientFrame.decode(#"{"text": "", "session": null, "task": "echo"}"#)
        #expect(greeting.task == "echo" && !greeting.isControlOnly)
        #expect(throws: FrameError.self) { try ClientFrame.decode(#"{"typing": "yes"}"#) }
        #expect(throws: FrameError.self) { try ClientFrame.decode(#"{"task": ""}"#) }
    }
}
