import Foundation
import ParleyCore
import ParleyServer
import ParleyStore
import ParleyWorlds
import Testing

/// The review app at `/admin` in headless Chromium against a real server: an operator watches two
/// people chat, steps in and gives the conversation back; a reviewer rejects a conversation,
/// blocks its author and accepts another, and the accepted one is what the export holds.
@Suite(.enabled(if: Browser.enabled), .timeLimit(.minutes(5)))
struct AdminPageTests {
    static let admin = StudioOptions(loopback: true)

    /// Reads texts until `text` arrives.
    private func skip(_ client: WebSocketTestClient, through text: String) async throws {
        while try await client.nextChatText() != text {}
    }

    @Test func anOperatorJoinsALiveChatBetweenTwoPeopleAndGivesItBack() async throws {
        let worlds = try await WorldsServer.start(admin: Self.admin)
        let ann = try await WebSocketTestClient.connect(port: worlds.port)
        let bob = try await WebSocketTestClient.connect(port: worlds.port)
        try await ann.enterChat(as: "Ann")
        try await bob.enterChat(as: "Bob")
        await ann.say("hello bob")
        #expect(try await bob.nextChatText() == "hello bob")
        let port = worlds.port
        try await Browser.withSession { browser in
            try await browser.open("http://127.0.0.1:\(port)/admin")
            try await browser.waitForText("open to anyone on this machine", in: "#notice")
            try await browser.wait(until: "return document.querySelector('#live-list li[data-world-id] button')")
            try await browser.click("#live-list li[data-world-id] button")
            try await browser.waitForText("hello bob", in: "#live-transcript")
            await bob.say("hi ann")
            #expect(try await ann.nextChatText() == "hi ann")
            try await browser.waitForText("hi ann", in: "#live-transcript")

            try await browser.execute("document.getElementById('operator-name').value = ''")
            try await browser.type("Dana", into: "#operator-name")
            try await browser.click("#join")
            #expect(try await ann.nextChatText() == RuntimeText.operatorJoined("Dana"))
            #expect(try await bob.nextChatText() == RuntimeText.operatorJoined("Dana"))
            try await browser.type("Can I help you two?", into: "#operator-text")
            try await browser.click("#say")
            // Said under the operator's name, which services that show no speaker get in the text.
            #expect(try await ann.nextChatText() == "Dana: Can I help you two?")
            #expect(try await bob.nextChatText() == "Dana: Can I help you two?")
            await ann.say("all good, thanks")
            #expect(try await bob.nextChatText() == "all good, thanks")
            try await browser.waitForText("all good, thanks", in: "#live-transcript")
            if let path = ProcessInfo.processInfo.environment["PARLEY_SCREENSHOTS"] {
                try await browser.screenshot().write(to: URL(fileURLWithPath: path + "-admin-live.png"))
            }
            try await browser.click("#leave")
            #expect(try await ann.nextChatText() == RuntimeText.operatorLeft("Dana"))
            #expect(try await bob.nextChatText() == RuntimeText.operatorLeft("Dana"))
        }
        await bob.say("[DONE]")
        try await skip(ann, through: DemoText.menu)
        try await skip(bob, through: DemoText.menu)

        // All of it is in the transcript, as such.
        let chat = try #require(try await worlds.store.conversations(ConversationQuery(task: "chat")).first)
        #expect(chat.participants.contains(ConversationParticipant(id: "Dana", name: "Dana", kind: .operator)))
        let messages = try await worlds.store.messages(inWorld: chat.worldID)
        #expect(messages.contains { $0.speaker == "Dana" && $0.text == "Can I help you two?" })
        #expect(messages.contains { $0.speaker == "World" && $0.text == RuntimeText.operatorJoined("Dana") })
        #expect(messages.contains { $0.speaker == "World" && $0.text == RuntimeText.operatorLeft("Dana") })
        await ann.close()
        await bob.close()
        try await worlds.stop()
    }

    @Test func aReviewerRejectsAConversationBlocksItsAuthorAndExportsTheAccepted() async throws {
        let worlds = try await WorldsServer.start(admin: Self.admin)
        var keys: [String: String] = [:]
        for (name, line) in [("ann", "buy cheap pills"), ("bob", "a thoughtful answer")] {
            let key = String(repeating: name, count: 8)
            keys[name] = key
            let person = try await WebSocketTestClient.connect(port: worlds.port)
            await person.say("hi", ["person": .string(key)])
            #expect(try await person.nextText() == DemoText.menu)
            await person.say("echo")
            #expect(try await person.texts(2) == ["Transferring to echo", DemoText.echoWelcome])
            await person.say(line)
            #expect(try await person.nextText() == line)
            await person.say("[DONE]")
            #expect(try await person.nextText() == DemoText.menu)
            await person.close()
        }
        let conversations = try await worlds.store.conversations(ConversationQuery(task: "echo"))
        #expect(conversations.count == 2)
        let (annsWorld, bobsWorld) = (conversations[0].worldID, conversations[1].worldID)
        let annID = try #require(conversations[0].personIDs.first)
        let port = worlds.port
        try await Browser.withSession { browser in
            try await browser.open("http://127.0.0.1:\(port)/admin#conversations")
            try await browser.wait(until: "return document.querySelectorAll('#conversation-list tbody tr[data-world-id]').length === 2")
            try await browser.click("#conversation-list tr[data-world-id=\"\(annsWorld)\"] button.open-conversation")
            try await browser.waitForText("buy cheap pills", in: "#conversation-detail")
            try await browser.type("spam", into: "#review-note")
            try await browser.click("#reject")
            try await browser.wait(until: "return document.querySelector('#detail-review').dataset.verdict === 'rejected'")
            try await browser.execute("window.prompt = () => 'sent spam'")
            try await browser.click("#conversation-detail button.block-person[data-person-id=\"\(annID)\"]")
            try await browser.click("#conversation-list tr[data-world-id=\"\(bobsWorld)\"] button.open-conversation")
            try await browser.waitForText("a thoughtful answer", in: "#conversation-detail")
            try await browser.click("#accept")
            try await browser.wait(until: "return document.querySelector('#detail-review').dataset.verdict === 'accepted'")
            try await browser.click("#view-blocked")
            try await browser.waitForText("sent spam", in: "#blocked-list")
            if let path = ProcessInfo.processInfo.environment["PARLEY_SCREENSHOTS"] {
                try await browser.screenshot().write(to: URL(fileURLWithPath: path + "-admin-blocked.png"))
            }
        }
        #expect(try await worlds.store.conversation(annsWorld)?.review?.verdict == .rejected)
        #expect(try await worlds.store.conversation(annsWorld)?.review?.note == "spam")
        #expect(try await worlds.store.conversation(bobsWorld)?.review?.verdict == .accepted)
        #expect(try await worlds.store.block(of: annID)?.note == "sent spam")

        // The blocked author is kept out; the export of accepted conversations has Bob's alone.
        let ann = try await WebSocketTestClient.connect(port: worlds.port)
        await ann.say("hi", ["person": .string(try #require(keys["ann"]))])
        #expect(try await ann.nextText() == DemoText.menu)
        await ann.say("echo")
        #expect(try await ann.texts(2) == ["Transferring to echo", RuntimeText.blocked])
        await ann.close()
        let export = try await worlds.withClient { try await $0.send("/admin/api/export?format=parlai&verdict=accepted") }
        #expect(export.status == .ok)
        let lines = export.text.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.contains("a thoughtful answer") == true)
        try await worlds.stop()
    }
}
