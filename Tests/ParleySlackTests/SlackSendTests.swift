import ParleyCore
import Testing

/// Posting through the Web API: rate limits, retries, Slack's errors, and a bounded shutdown.
@Suite(.timeLimit(.minutes(5))) struct SlackSendTests {
    typealias Answer = FakeSlackAPI.Answer

    /// Starts a server with a person in the echo world, their posts read.
    private func serverInEcho() async throws -> SlackTestServer {
        let server = try await SlackTestServer.start()
        try await server.dm("hi")
        _ = await server.api.nextPost()
        try await server.dm("echo")
        _ = await server.api.texts(2)
        return server
    }

    private func failures(_ server: SlackTestServer) -> Int? {
        server.service.metrics().first { $0.name == "parley_service_send_failures_total" }?.value
    }

    @Test func aRateLimitWaitsForRetryAfterAndTheMessagesStayInOrder() async throws {
        let server = try await serverInEcho()
        let limited = Answer(status: 429, headers: ["Retry-After": "1"], body: #"{"ok":false,"error":"ratelimited"}"#)
        await server.api.fail("chat.postMessage", with: [limited])
        try await server.dm("first")
        try await server.dm("second")
        let posts = await server.api.posts(through: "World: second")
        #expect(posts.map(\.status) == [429, 200, 200])
        #expect(posts.map(\.text) == ["World: first", "World: first", "World: second"])
        #expect(posts[1].receivedAt - posts[0].receivedAt >= .seconds(1))
        #expect(failures(server) == 0)
        try await server.stop()
    }

    @Test func serverErrorsAreRetriedUntilTheMessageGoesThrough() async throws {
        let server = try await serverInEcho()
        await server.api.fail("chat.postMessage", with: [Answer(status: 500, body: "oops"), Answer(status: 503, body: "busy")])
        try await server.dm("hello")
        try await server.dm("after")
        let attempts = await server.api.posts(through: "World: after")
        #expect(attempts.map(\.status) == [500, 503, 200, 200])
        #expect(attempts.map(\.text) == ["World: hello", "World: hello", "World: hello", "World: after"])
        #expect(failures(server) == 0)
        try await server.stop()
    }

    @Test func aMessageIsGivenUpAfterTheLastAttemptAndTheNextOneGoesOn() async throws {
        let server = try await serverInEcho()
        await server.api.fail("chat.postMessage", with: Array(repeating: Answer(status: 502, body: "bad gateway"), count: 4))
        try await server.dm("lost")
        try await server.dm("next")
        let attempts = await server.api.posts(through: "World: next")
        #expect(attempts.map(\.status) == [502, 502, 502, 502, 200])
        #expect(attempts.map(\.text) == ["World: lost", "World: lost", "World: lost", "World: lost", "World: next"])
        #expect(failures(server) == 1)
        try await server.stop()
    }

    @Test func anErrorSlackAnswersIsNotRetried() async throws {
        let server = try await serverInEcho()
        await server.api.fail("chat.postMessage", with: [Answer(status: 200, body: #"{"ok":false,"error":"channel_not_found"}"#)])
        try await server.dm("first")
        let refused = await server.api.nextPost()
        #expect(refused.text == "World: first")
        try await server.dm("second")
        let second = await server.api.nextPost()
        #expect(second.text == "World: second")
        #expect(second.status == 200)
        #expect(failures(server) == 1)
        try await server.stop()
    }

    /// Without a bound, the hanging post would hold the shutdown for 20 s per attempt, four
    /// attempts: past this test's time limit.
    @Test(.timeLimit(.minutes(1))) func theShutdownIsBoundedWhenTheAPIHangs() async throws {
        let api = try await FakeSlackAPI.start()
        await api.hang("chat.postMessage")
        let server = try await SlackTestServer.start(api: api, shutdownGrace: .milliseconds(200))
        try await server.dm("hi")
        #expect(await api.nextPost().text == SlackDemoText.menu)
        try await server.stopServer()
        try await api.stop()
    }
}
