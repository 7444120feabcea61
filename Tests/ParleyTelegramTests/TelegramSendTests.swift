import ParleyCore
import ParleyTelegram
import Testing

/// What the worlds send, as Bot API calls: long texts, retries, refusals.
@Suite(.timeLimit(.minutes(1))) struct TelegramSendTests {
    typealias Updates = TelegramUpdates

    @Test func aLongTextIsSplitAtWhitespace() async throws {
        let server = try await TelegramTestServer.start()
        try await server.enterEcho()
        let long = String(repeating: "abcdefghi ", count: 409) + "end"
        try await server.post(Updates.message(3, long))
        let texts = await server.api.texts(2).compactMap { $0 }
        #expect(texts.count == 2)
        #expect(texts.allSatisfy { $0.utf16.count <= 4096 })
        #expect(texts.joined(separator: " ") == "World: " + long)
        try await server.stop()
    }

    @Test func tooManyRequestsWaitsAsToldAndKeepsTheOrder() async throws {
        let server = try await TelegramTestServer.start()
        let api = server.api
        try await server.enterEcho()
        await api.fail("sendMessage", [FakeTelegramAPI.refusal(429, "Too Many Requests: retry after 1", retryAfter: 1)])
        try await server.post(Updates.message(3, "one"))
        try await server.post(Updates.message(4, "two"))
        var calls: [(Int, String?)] = []
        for _ in 0..<3 {
            let call = await api.next("sendMessage")
            calls.append((call.status, call.text))
        }
        #expect(calls.map(\.0) == [429, 200, 200])
        #expect(calls.map(\.1) == ["World: one", "World: one", "World: two"])
        try await server.stop()
    }

    @Test func serverErrorsAreRetriedAndRefusalsAreNot() async throws {
        let server = try await TelegramTestServer.start()
        let api = server.api
        try await server.enterEcho()
        await api.fail("sendMessage", [FakeTelegramAPI.refusal(500, "Internal Server Error"), FakeTelegramAPI.refusal(502, "Bad Gateway")])
        try await server.post(Updates.message(3, "one"))
        var statuses: [Int] = []
        for _ in 0..<3 {
            let call = await api.next("sendMessage")
            #expect(call.text == "World: one")
            statuses.append(call.status)
        }
        #expect(statuses == [500, 502, 200])

        await api.fail("sendMessage", [FakeTelegramAPI.refusal(403, "Forbidden: bot was blocked by the user")])
        try await server.post(Updates.message(4, "two"))
        try await server.post(Updates.message(5, "three"))
        let refused = await api.next("sendMessage")
        #expect((refused.status, refused.text) == (403, "World: two"))
        let next = await api.next("sendMessage")
        #expect((next.status, next.text) == (200, "World: three"))

        // Attempts run out (4 here) on a Bot API that keeps failing.
        await api.fail("sendMessage", Array(repeating: FakeTelegramAPI.refusal(500, "Internal Server Error"), count: 4))
        try await server.post(Updates.message(6, "four"))
        try await server.post(Updates.message(7, "five"))
        for _ in 0..<4 { #expect(await api.next("sendMessage").status == 500) }
        #expect(await api.texts(1) == ["World: five"])
        #expect(server.metric("parley_service_send_failures_total") == 2)
        try await server.stop()
    }

    @Test func typingIsShownWhileABotWorks() async throws {
        let server = try await TelegramTestServer.start()
        let api = server.api
        try await server.post(Updates.addressed(1, "/start"))
        let menu = await api.next("sendMessage")
        try await server.post(Updates.tap(2, data: "chatbot", on: menu))
        try await server.post(Updates.message(3, "hello"))
        let typing = await api.next("sendChatAction")
        #expect(typing.body["action"] == "typing")
        #expect(typing.chatID == Updates.ann)
        try await server.stop()
    }
}
