import Foundation
import HTTPTypes
import NIOConcurrencyHelpers
import ParleyServer
import Testing

/// A monotonic clock the tests move by hand.
final class TestInstantClock: Sendable {
    private let now = NIOLockedValueBox(ContinuousClock.now)
    var read: @Sendable () -> ContinuousClock.Instant { { self.now.withLockedValue { $0 } } }
    func advance(_ duration: Duration) {
        now.withLockedValue { $0 = $0.advanced(by: duration) }
    }
}

@Suite("Reply API: rate limits")
struct ReplyAPIRateLimitTests {
    @Test("a key gets its burst, then 429 rate_limited with Retry-After until tokens come back; keys are separate")
    func perKey() async throws {
        let clock = TestInstantClock()
        let limiter = RateLimiter(limit: RateLimit(rate: 2, burst: 3), now: clock.read)
        let server = try await ReplyServer.start(
            options: ReplyAPIOptions(keys: try APIKeys(["key-a", "key-b"]), rateLimiter: limiter))
        try await server.withClient { client async throws in
            for _ in 0..<3 { #expect(try await client.reply(["input": "hi", "key": "key-a"]).status == .ok) }
            let refused = try await client.reply(["input": "hi", "key": "key-a"])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.errorCode == "rate_limited")
            #expect(refused.headers[.retryAfter] == "1")
            // The transcript endpoints count against the same key.
            #expect(try await client.send("/users/u1/transcript?key=key-a").status == .tooManyRequests)
            #expect(try await client.reply(["input": "hi", "key": "key-b"]).status == .ok)
            clock.advance(.milliseconds(500))
            #expect(try await client.reply(["input": "hi", "key": "key-a"]).status == .ok)
            #expect(try await client.reply(["input": "hi", "key": "key-a"]).status == .tooManyRequests)
            // Unknown keys are refused before they can use anyone's tokens.
            #expect(try await client.reply(["input": "hi", "key": "key-c"]).status == .unauthorized)
        }
        try await server.stop()
    }

    @Test("without keys the limit is per client address")
    func perAddress() async throws {
        let clock = TestInstantClock()
        let limiter = RateLimiter(limit: RateLimit(rate: 1, burst: 2), now: clock.read)
        let server = try await ReplyServer.start(options: ReplyAPIOptions(rateLimiter: limiter))
        try await server.withClient { client async throws in
            #expect(try await client.reply(["input": "hi"]).status == .ok)
            #expect(try await client.reply(["input": "hi", "key": "ignored"]).status == .ok)
            let refused = try await client.reply(["input": "hi"])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "1")
            #expect(try await client.send("/health").status == .ok)
        }
        #expect(limiter.trackedClients == 1)
        try await server.stop()
    }

    @Test("wrong and missing keys take tokens of the client's address: then 429 from that address only, right key or not")
    func failedKeys() async throws {
        let clock = TestInstantClock()
        let limiter = RateLimiter(limit: RateLimit(rate: 1, burst: 3), now: clock.read)
        let server = try await ReplyServer.start(
            options: ReplyAPIOptions(keys: try APIKeys(["good-key"]), rateLimiter: limiter))
        let (guesser, other) = ("127.0.0.1", "127.0.0.2")
        for key in ["wrong-1", "", "wrong-2"] {
            #expect(try await reply(port: server.port, key: key, from: guesser).status == 401)
        }
        let refused = try await reply(port: server.port, key: "wrong-3", from: guesser)
        #expect(refused.status == 429)
        #expect(refused.text.contains("rate_limited"))
        #expect(refused.text.lowercased().contains("\r\nretry-after: 1\r\n"))
        // Guessing right meanwhile does not tell: the address waits for its tokens first.
        #expect(try await reply(port: server.port, key: "good-key", from: guesser).status == 429)
        #expect(try await reply(port: server.port, key: "good-key", from: other).status == 200)
        #expect(try await reply(port: server.port, key: "wrong-1", from: other).status == 401)
        clock.advance(.seconds(1))
        #expect(try await reply(port: server.port, key: "good-key", from: guesser).status == 200)
        try await server.stop()
    }

    @Test("with the rate limit off (--rate-limit 0), failed keys still get the standard limit per address")
    func failedKeysWithoutRateLimit() async throws {
        let server = try await ReplyServer.start(options: ReplyAPIOptions(keys: try APIKeys(["good-key"])))
        let statuses = try await server.withClient { client async throws in
            var statuses: [HTTPResponse.Status] = []
            while statuses.last != .tooManyRequests, statuses.count < 400 {
                statuses.append(try await client.reply(["input": "hi", "key": "wrong-\(statuses.count)"]).status)
            }
            return statuses
        }
        #expect(statuses.last == .tooManyRequests, "400 wrong keys were never refused")
        #expect(statuses.prefix(Int(RateLimit.standard.burst)).allSatisfy { $0 == .unauthorized })
        #expect(try await reply(port: server.port, key: "good-key", from: "127.0.0.2").status == 200)
        try await server.stop()
    }

    /// The status and whole answer of a `/reply` POST with `key`, sent from the local address `source`.
    private func reply(port: Int, key: String, from source: String) async throws -> (status: Int, text: String) {
        let body = "input=hi&key=\(key)"
        let request = "POST /reply HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
        let text = try await RawHTTPConnection.exchange(port: port, request: Array(request.utf8), from: source)
        return (Int(text.split(separator: " ", maxSplits: 2).dropFirst().first ?? "") ?? 0, text)
    }

    @Test("Retry-After is whole seconds until a token is back")
    func retryAfter() {
        let clock = TestInstantClock()
        let limiter = RateLimiter(limit: RateLimit(rate: 0.25, burst: 1), now: clock.read)
        #expect(limiter.take(for: "a") == .allowed)
        #expect(limiter.take(for: "a") == .refused(retryAfter: 4))
        clock.advance(.seconds(3))
        #expect(limiter.take(for: "a") == .refused(retryAfter: 1))
        clock.advance(.seconds(1))
        #expect(limiter.take(for: "a") == .allowed)
    }

    @Test("memory stays bounded: idle clients' buckets are forgotten first, then the least recently used")
    func boundedMemory() {
        let clock = TestInstantClock()
        let limiter = RateLimiter(limit: RateLimit(rate: 10, burst: 5), capacity: 8, now: clock.read)
        for client in 0..<8 { #expect(limiter.take(for: "c\(client)") == .allowed) }
        #expect(limiter.trackedClients == 8)
        clock.advance(.seconds(1))  // every bucket is full again: as good as new
        #expect(limiter.take(for: "new") == .allowed)
        #expect(limiter.trackedClients == 1)
        // All busy: the least recently used go, down to three quarters of the capacity.
        for client in 0..<7 {
            for _ in 0..<5 { _ = limiter.take(for: "busy\(client)") }
            clock.advance(.milliseconds(1))
        }
        #expect(limiter.trackedClients == 8)
        _ = limiter.take(for: "latest")
        #expect(limiter.trackedClients == 7)
        guard case .refused = limiter.take(for: "busy6") else {
            Issue.record("a recently used bucket was forgotten")
            return
        }
        #expect(limiter.take(for: "busy0") == .allowed, "the least recently used bucket is forgotten")
    }
}
