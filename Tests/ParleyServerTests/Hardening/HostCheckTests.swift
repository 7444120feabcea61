import Foundation
import ParleyServer
import Testing

/// DNS rebinding and foreign pages: on loopback, requests for other host names get 421; origins
/// must match in scheme, host and port; `/websocket` refuses the same origins as the HTTP routes;
/// `X-Forwarded-For` counts only from a trusted proxy.
@Suite(.timeLimit(.minutes(5)))
struct HostCheckTests {
    @Test func aRebindingHostIsRefusedOnEveryRoute() async throws {
        let server = try await ReplyServer.start()
        let rebound = ["Host: rebind.attacker.test:\(server.port)", "Origin: http://rebind.attacker.test:\(server.port)"]
        for (method, path) in [("GET", "/users/alice/transcript"), ("DELETE", "/users/alice"), ("GET", "/health"), ("GET", "/")] {
            let answer = try await HTTPProbe.request(method, path, port: server.port, headers: rebound)
            #expect(answer.status == 421, "\(method) \(path)")
            #expect(answer.body.contains("unknown_host"))
        }
        // A name that only starts like a loopback address is another host.
        #expect(try await HTTPProbe.get("/health", port: server.port, headers: ["Host: 127.0.0.1.attacker.test"]).status == 421)
        for host in ["127.0.0.1:\(server.port)", "localhost:\(server.port)", "127.0.0.2", "[::1]:\(server.port)"] {
            #expect(try await HTTPProbe.get("/health", port: server.port, headers: ["Host: \(host)"]).status == 200, "\(host)")
        }
        try await server.stop()
    }

    @Test func publicHostsAreAnsweredAndTheirOriginsAreTheServersOwn() async throws {
        let server = try await ReplyServer.start(
            publicHosts: [try PublicHost("chat.example.org"), try PublicHost("https://secure.example.org")])
        #expect(try await HTTPProbe.get("/health", port: server.port, headers: ["Host: chat.example.org"]).status == 200)
        #expect(try await HTTPProbe.get("/health", port: server.port, headers: ["Host: other.example.org"]).status == 421)
        let secure = ["Host: secure.example.org"]
        #expect(try await HTTPProbe.get("/health", port: server.port, headers: secure + ["Origin: https://secure.example.org"]).status == 200)
        #expect(try await HTTPProbe.get("/health", port: server.port, headers: secure + ["Origin: http://secure.example.org"]).status == 403)
        try await server.stop()
    }

    @Test func theOriginCheckComparesTheScheme() async throws {
        let server = try await ReplyServer.start()
        let own = "127.0.0.1:\(server.port)"
        #expect(try await HTTPProbe.get("/health", port: server.port, headers: ["Origin: http://\(own)"]).status == 200)
        #expect(try await HTTPProbe.get("/health", port: server.port, headers: ["Origin: https://\(own)"]).status == 403)
        #expect(try await HTTPProbe.get("/health", port: server.port, headers: ["Origin: http://127.0.0.1:1"]).status == 403)
        try await server.stop()
    }

    @Test func theWebSocketRefusesForeignOriginsAndServesParlAIClients() async throws {
        let worlds = try await WorldsServer.start()
        let foreign = try await RawClient.connect(port: worlds.port)
        let refused = try await foreign.upgrade(headers: ["Origin: http://evil.example"])
        #expect(!refused.hasPrefix("HTTP/1.1 101"))
        for headers in [[], ["Origin: http://127.0.0.1"], ["Origin: ws://127.0.0.1"]] {
            let client = try await RawClient.connect(port: worlds.port)
            #expect(try await client.upgrade(headers: headers).hasPrefix("HTTP/1.1 101"), "\(headers)")
        }
        let rebound = try await RawClient.connect(port: worlds.port)
        #expect(!(try await rebound.upgrade(host: "rebind.attacker.test").hasPrefix("HTTP/1.1 101")))
        try await worlds.stop()
    }

    @Test func forwardedAddressesCountOnlyFromATrustedProxy() async throws {
        func limited() -> ReplyAPIOptions {
            ReplyAPIOptions(rateLimiter: RateLimiter(limit: RateLimit(rate: 0.001, burst: 1)))
        }
        let proxied = try await ReplyServer.start(
            options: limited(), connections: ConnectionLimits(requestHeadTimeout: .seconds(120), trustedProxies: ["127.0.0.1"]))
        func reply(_ server: ReplyServer, forwardedFor client: String) async throws -> Int {
            try await HTTPProbe.request(
                "GET", "/reply?input=hi", port: server.port, headers: ["X-Forwarded-For: \(client)"]
            ).status
        }
        // Behind the proxy, each client has a bucket of its own.
        #expect(try await reply(proxied, forwardedFor: "192.0.2.1") == 200)
        #expect(try await reply(proxied, forwardedFor: "192.0.2.2") == 200)
        #expect(try await reply(proxied, forwardedFor: "192.0.2.1") == 429)
        try await proxied.stop()
        // From anyone else the header is ignored: one address, one bucket.
        let direct = try await ReplyServer.start(options: limited())
        #expect(try await reply(direct, forwardedFor: "192.0.2.1") == 200)
        #expect(try await reply(direct, forwardedFor: "192.0.2.2") == 429)
        try await direct.stop()
    }
}
