import Foundation
import ParleyCore
import ParleySlack
import Testing

/// The Events API and interactivity routes: signatures, the URL check, what is ignored, and
/// events handled once, also across a restart.
@Suite(.timeLimit(.minutes(5))) struct SlackWebhookTests {
    @Test func postsNotSignedBySlackAreRefusedAndNothingIsProcessed() async throws {
        let server = try await SlackTestServer.start()
        let body = SlackTestServer.envelope(SlackTestServer.message("hi", channel: "DX"), eventID: "EvForged").jsonText()
        let now = Int(Date().timeIntervalSince1970)
        var forged = SlackTestServer.signedHeaders(body, secret: "not-the-secret")
        #expect(try await server.post(body, headers: forged).status == 401)
        forged = SlackTestServer.signedHeaders(body)
        forged["X-Slack-Signature"] = nil
        #expect(try await server.post(body, headers: forged).status == 401)
        forged = SlackTestServer.signedHeaders(body)
        forged["X-Slack-Request-Timestamp"] = nil
        #expect(try await server.post(body, headers: forged).status == 401)
        // Signed right, but with a timestamp six minutes off, either way.
        #expect(try await server.post(body, headers: SlackTestServer.signedHeaders(body, timestamp: now - 360)).status == 401)
        #expect(try await server.post(body, headers: SlackTestServer.signedHeaders(body, timestamp: now + 360)).status == 401)
        // A body other than the one signed.
        forged = SlackTestServer.signedHeaders(body)
        #expect(try await server.post(body.replacingOccurrences(of: "hi", with: "ho"), headers: forged).status == 401)
        // The interactivity route checks the same way.
        let tap = "payload=%7B%22type%22%3A%22block_actions%22%7D"
        #expect(
            try await server.post(
                tap, to: SlackService.interactivityPath, contentType: "application/x-www-form-urlencoded",
                headers: SlackTestServer.signedHeaders(tap, secret: "not-the-secret")
            ).status == 401)

        // Posts are handled in order: had a refused one been processed, DX would be answered first.
        try await server.dm("hi", channel: "D1")
        #expect(await server.api.nextPost().channel == "D1")
        #expect(await server.api.calls("chat.postMessage").count == 1)
        try await server.stop()
    }

    @Test func theURLCheckGetsItsChallengeBack() async throws {
        let server = try await SlackTestServer.start()
        let body = #"{"token":"legacy","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#
        let answer = try await server.post(body)
        #expect(answer.status == 200)
        #expect(try JSONValue.parse(answer.body)["challenge"] == "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
        #expect(try await server.post(body, headers: [:]).status == 401)
        try await server.stop()
    }

    @Test func aSignedBodyThatIsNotAnEventIsABadRequest() async throws {
        let server = try await SlackTestServer.start()
        let answer = try await server.post("not json")
        #expect(answer.status == 400)
        #expect(answer.body.hasPrefix("Slack events: "))
        let form = try await server.post("nothing=here", to: SlackService.interactivityPath, contentType: "application/x-www-form-urlencoded")
        #expect(form.status == 400)
        #expect(form.body.contains("payload"))
        try await server.stop()
    }

    /// A direct message event from `user` in `channel`, with `extra` members.
    private func event(_ channel: String, from user: String = "U1", _ extra: [String: JSONValue] = [:]) -> JSONValue {
        guard case .object(var members) = SlackTestServer.message("hi", from: user, channel: channel) else { return .null }
        members.merge(extra) { $1 }
        return .object(members)
    }

    @Test func theBotsOwnMessagesAreKnownByTheUserIdAuthTestGives() async throws {
        let server = try await SlackTestServer.start()
        // Envelopes without authorizations: only auth.test tells who the bot is.
        try await server.post(event: event("D1", from: FakeSlackAPI.botUserID), namingTheBot: false)
        try await server.post(event: event("D2"), namingTheBot: false)
        #expect(await server.api.nextPost().channel == "D2")
        let identity = await server.api.next("auth.test")
        #expect(identity.authorization == "Bearer \(SlackTestServer.botToken)")
        try await server.stop()
    }

    @Test func messagesFromBotsEditsAndOtherEventsAreIgnored() async throws {
        let api = try await FakeSlackAPI.start()
        // Slack refuses the token's auth.test: the bot is known from the envelopes' authorizations.
        await api.fail("auth.test", with: [FakeSlackAPI.Answer(status: 200, body: #"{"ok":false,"error":"invalid_auth"}"#)])
        let server = try await SlackTestServer.start(api: api)
        try await server.post(event: event("D1", from: FakeSlackAPI.botUserID))
        try await server.post(event: event("D2", ["bot_id": "BOTHER", "user": "UOTHERBOT"]))
        try await server.post(event: event("D3", ["subtype": "bot_message"]))
        try await server.post(event: event("D4", ["subtype": "message_changed"]))
        try await server.post(event: event("C5", ["channel_type": "channel"]))
        try await server.post(event: ["type": "reaction_added", "user": "U1", "channel": "D6", "ts": "1700000000.000001"])
        try await server.dm("hi", channel: "D7")
        #expect(await server.api.nextPost().channel == "D7")
        #expect(await server.api.calls("chat.postMessage").count == 1)
        #expect(await server.api.calls("auth.test").map(\.status) == [200])
        try await server.stop()
    }

    @Test func aRedeliveredEventIsHandledOnce() async throws {
        let server = try await SlackTestServer.start()
        try await server.dm("hi", eventID: "EvFirst")
        #expect(await server.api.nextPost().text == SlackDemoText.menu)
        let redelivery = SlackTestServer.message("hi")
        let retry = ["X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"]
        #expect(try await server.post(event: redelivery, eventID: "EvFirst", headers: retry) == 200)
        #expect(try await server.post(event: redelivery, eventID: "EvFirst") == 200)
        // Handled again, "hi" would be an invalid choice, answered with the menu before this.
        try await server.dm("echo")
        #expect(await server.api.texts(2) == [SlackDemoText.transferToEcho, SlackDemoText.echoWelcome])
        let duplicates = server.service.metrics().first { $0.name == "parley_service_duplicate_events_total" }
        #expect(duplicates?.value == 2)
        try await server.stop()
    }

    @Test func anEventHandledBeforeARestartIsNotHandledAgain() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-slack-restart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try await SlackTestServer.start(directory: directory)
        try await before.dm("hi", from: "U1", channel: "D1", eventID: "EvBefore")
        #expect(await before.api.nextPost().channel == "D1")
        try await before.stop()

        let after = try await SlackTestServer.start(directory: directory)
        try await after.dm("hi", from: "U1", channel: "D1", eventID: "EvBefore")
        try await after.dm("hi", from: "U2", channel: "D2", eventID: "EvAfter")
        // Events are handled in order: had the redelivery been handled, D1 would be answered first.
        #expect(await after.api.nextPost().channel == "D2")
        #expect(await after.api.calls("chat.postMessage").count == 1)
        try await after.stop()
    }

    @Test func theAnnouncementNamesBothURLs() async throws {
        let server = try await SlackTestServer.start()
        #expect(server.service.announcement(baseURL: "https://parley.example") == [
            "Slack events at https://parley.example/slack/events", "Slack interactivity at https://parley.example/slack/interactivity",
        ])
        try await server.stop()
    }
}
