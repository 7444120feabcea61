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
