import ParleyCore
import ParleyTelegram
import Testing

/// Polling `getUpdates`, and stopping within bounds whatever the Bot API does.
@Suite(.timeLimit(.minutes(1))) struct TelegramPollingTests {
    typealias Updates = TelegramUpdates

    @Test func pollingTakesUpdatesAndConfirmsThem() async throws {
        let server = try await TelegramTestServer.start(polling: true)
        let api = server.api
        let firstPoll = await api.next("getUpdates")
        #expect(firstPoll.offset == nil)
        #expect(firstPoll.body["timeout"] == 1)
        #expect(firstPoll.body["allowed_updates"] == ["message", "callback_query"])
        await api.push(Updates.addressed(41, "/start"))
        let menu = await api.next("sendMessage")
        #expect(menu.text == TelegramTestServer.welcome)
        await api.push(Updates.tap(42, data: "echo", on: menu))
        #expect(await api.next("answerCallbackQuery").body["callback_query_id"] == "query-42")
        await api.push(Updates.message(43, "hello"))
        #expect(await api.texts(3).last == "World: hello")
        // The next poll confirms everything handled.
        var poll = await api.next("getUpdates")
        while poll.offset != 44, poll.status != 0 { poll = await api.next("getUpdates") }
        #expect(poll.offset == 44)
        // No webhook is served while polling.
        #expect(try await server.post(Updates.message(44, "hi")).status == 404)
        #expect(await api.calls("deleteWebhook").isEmpty)
        #expect(server.metric("parley_service_events_total") == 3)
        try await server.stop()
    }

    @Test func pollingGoesOnAfterTelegramRefusesIt() async throws {
        let api = try await FakeTelegramAPI.start()
        await api.fail(
            "getUpdates",
            [
                FakeTelegramAPI.refusal(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"),
                FakeTelegramAPI.refusal(502, "Bad Gateway"),
            ])
        let server = try await TelegramTestServer.start(api: api, polling: true)
        #expect(await api.next("getUpdates").status == 409)
        #expect(await api.next("getUpdates").status == 502)
        await api.push(Updates.addressed(1, "/start"))
        #expect(await api.texts(1) == [TelegramTestServer.welcome])
        try await server.stop()
    }

    @Test func aShutdownEndsTheLongPollAtOnce() async throws {
        // A long poll and a grace period far longer than the test may take.
        let server = try await TelegramTestServer.start(polling: true, pollTimeout: .seconds(600), shutdownGrace: .seconds(600))
        _ = await server.api.next("getUpdates")
        try await server.stop()
    }

    @Test func aShutdownEndsWithinTheGraceWhenTheBotAPIHangs() async throws {
        let api = try await FakeTelegramAPI.start()
        await api.hang("sendMessage")
        let server = try await TelegramTestServer.start(api: api, shutdownGrace: .milliseconds(300))
        try await server.post(Updates.addressed(1, "/start"))
        _ = await api.next("sendMessage")
        try await server.stop()
    }

    @Test func aBotTokenTelegramRefusesStopsTheService() async throws {
        let api = try await FakeTelegramAPI.start()
        await api.fail("getMe", [FakeTelegramAPI.refusal(401, "Unauthorized")])
        let error = await #expect(throws: (any Error).self) {
            try await TelegramTestServer.start(api: api).stopped()
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("Telegram refused the bot token (PARLEY_TELEGRAM_BOT_TOKEN)"))
        try await api.stop()
    }
}
