import Foundation
import ParleyCore
import ParleyTelegram
import Testing

/// The webhook, end to end: posts in with the secret header, Bot API calls out to a fake.
@Suite(.timeLimit(.minutes(1))) struct TelegramWebhookTests {
    typealias Updates = TelegramUpdates

    @Test func theOverworldDemoReachesTheEchoTaskWithButtons() async throws {
        let server = try await TelegramTestServer.start()
        let api = server.api
        #expect(try await server.post(Updates.addressed(1, "/start")) == (200, ""))
        let menu = await api.next("sendMessage")
        #expect(menu.text == TelegramTestServer.welcome)
        #expect(menu.chatID == Updates.ann)
        #expect(menu.token == FakeTelegramAPI.token)
        let choices = try TelegramTestServer.menu
        #expect(menu.buttons.map { $0["text"]?.stringValue } == choices)
        #expect(menu.buttons.map { $0["callback_data"]?.stringValue } == choices)

        try await server.post(Updates.tap(2, data: "echo", on: menu))
        let answer = await api.next("answerCallbackQuery")
        #expect(answer.body["callback_query_id"] == "query-2")
        let texts = await api.texts(2)
        #expect(texts.first == "Overworld: Transferring to echo")
        #expect(texts.last??.hasPrefix(TelegramTestServer.echoWelcome) == true)

        try await server.post(Updates.message(3, "hello"))
        #expect(await api.texts(1) == ["World: hello"])
        try await server.post(Updates.message(4, "look", photo: "photo-4"))
        #expect(await api.texts(1) == ["World: look"])
        let photo = await api.next("sendPhoto")
        #expect(photo.body["photo"] == "photo-4")
        #expect(photo.chatID == Updates.ann)
        try await server.post(Updates.message(5, nil, document: (id: "doc-5", name: "plan.pdf")))
        let document = await api.next("sendDocument")
        #expect(document.body["document"] == "doc-5")

        try await server.post(Updates.message(6, "[DONE]"))
        #expect(await api.texts(1) == [TelegramTestServer.welcome])
        #expect(server.metric("parley_service_events_total") == 6)
        try await server.stop()
    }

    @Test func postsWithoutTheSecretAreRefusedAndNotProcessed() async throws {
        let server = try await TelegramTestServer.start()
        // Bob's forged update 1 would make Ann's real update 1 a duplicate, had it been processed.
        #expect(try await server.post(Updates.message(1, "hi", from: Updates.bob), secret: nil).status == 403)
        #expect(try await server.post(Updates.message(1, "hi", from: Updates.bob), secret: "forged").status == 403)
        #expect(try await server.post(Updates.message(1, "hi", from: Updates.bob), secret: TelegramTestServer.secret + "x").status == 403)

        let notJSON = try await server.post(raw: "{\"update_id\": 2,")
        #expect(notJSON.status == 400)
        #expect(notJSON.body.hasPrefix("Telegram webhook: the body is not JSON"))
        let notAnUpdate = try await server.post(raw: #"{"message": {"text": "hi"}}"#)
        #expect(notAnUpdate.status == 400)
        #expect(notAnUpdate.body.contains("update_id"))

        #expect(try await server.post(Updates.message(1, "hi")).status == 200)
        let menu = await server.api.next("sendMessage")
        #expect(menu.chatID == Updates.ann)
        #expect(menu.text == TelegramTestServer.welcome)
        #expect(server.metric("parley_service_events_total") == 1)
        #expect(server.metric("parley_service_duplicate_events_total") == 0)
        try await server.stop()
    }

    @Test func insecureDevAcceptsPostsWithoutTheSecret() async throws {
        let server = try await TelegramTestServer.start(insecureDev: true)
        #expect(try await server.post(Updates.message(1, "hi"), secret: nil).status == 200)
        #expect(await server.api.texts(1) == [TelegramTestServer.welcome])
        try await server.stop()
    }

    @Test func aRedeliveredUpdateIsHandledOnceAlsoAfterARestart() async throws {
        let first = try await TelegramTestServer.start()
        let api = first.api
        // "echo" as a greeting only shows the menu; handled again it would choose the echo task.
        let echo = Updates.message(7, "echo")
        try await first.post(echo)
        #expect(await api.texts(1) == [TelegramTestServer.welcome])
        try await first.post(echo)
        try await first.post(Updates.message(8, "hi"))
        #expect(await api.texts(1) == [TelegramTestServer.invalidChoice])
        #expect(first.metric("parley_service_duplicate_events_total") == 1)
        try await first.stop(stoppingAPI: false)
        // Ann was warned as the server stopped: the senders finish what the worlds queued.
        #expect(await api.texts(1).first??.hasPrefix("This chat service is going offline") == true)

        let second = try await TelegramTestServer.start(api: api, in: first.directory)
        try await second.post(echo)
        try await second.post(Updates.message(9, "hi"))
        try await second.post(Updates.message(10, "echo"))
        let texts = await api.texts(2)
        #expect(texts == [TelegramTestServer.welcome, "Overworld: Transferring to echo"])
        #expect(second.metric("parley_service_duplicate_events_total") == 1)
        try await second.stop()
        try? FileManager.default.removeItem(at: first.directory)
    }

    @Test func inGroupsOnlyMessagesAddressedToTheBotCount() async throws {
        let server = try await TelegramTestServer.start()
        let api = server.api
        let group = Updates.group
        try await server.post(Updates.message(1, "hello everyone", in: group))
        try await server.post(Updates.addressed(2, "@ParleyTestBot hi", in: group))
        #expect(await api.texts(1) == [TelegramTestServer.welcome])
        try await server.post(Updates.addressed(3, "/chat@OtherBot", in: group))
        try await server.post(Updates.addressed(4, "echo @parleytestbot", in: group))
        let entered = await api.texts(2)
        #expect(entered.first == "Overworld: Transferring to echo")
        try await server.post(Updates.message(5, "not for you", in: group))
        try await server.post(Updates.message(6, "ping", in: group, replyTo: FakeTelegramAPI.bot.id))
        try await server.post(Updates.addressed(7, "/start@ParleyTestBot", in: group))
        #expect(await api.texts(2) == ["World: ping", "World: start"])
        // Each member is a person of their own, answered in the group.
        try await server.post(Updates.addressed(8, "@ParleyTestBot hi", from: Updates.bob, in: group))
        #expect(await api.texts(1) == [TelegramTestServer.welcome])
        let sent = await api.calls("sendMessage")
        #expect(sent.allSatisfy { $0.chatID == group })
        #expect(server.metric("parley_service_people") == 2)
        #expect(server.metric("parley_service_events_total") == 5)
        try await server.stop()
    }

    @Test func aPersonSilentPastTheIdleTimeoutStartsAgainAtTheOverworld() async throws {
        // Every pause between two posts here is longer than the idle timeout.
        let server = try await TelegramTestServer.start(idleTimeout: .milliseconds(1))
        try await server.post(Updates.message(1, "hi"))
        #expect(await server.api.texts(1) == [TelegramTestServer.welcome])
        // Had Ann stayed, "echo" would choose the echo task; she was forgotten, so it only greets.
        try await server.post(Updates.message(2, "echo"))
        #expect(await server.api.texts(1) == [TelegramTestServer.welcome])
        try await server.stop()
    }
}
