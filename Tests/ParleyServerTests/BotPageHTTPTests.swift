import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `GET /bot` and its files over plain HTTP: content types, caching headers, conditional
/// requests, the content security policy, and nothing loaded from elsewhere.
@Suite(.timeLimit(.minutes(1)))
struct BotPageHTTPTests {
    static let files = [
        (path: "/bot", type: "text/html; charset=utf-8"),
        (path: "/bot/bot.js", type: "text/javascript; charset=utf-8"),
        (path: "/parley.css", type: "text/css; charset=utf-8"),
    ]

    @Test func servesThePageItsScriptAndStyleSheetWithTypesAndEntityTags() async throws {
        try await withClient { client in
            for file in Self.files {
                try await client.expectStaticFile(file.path, type: file.type)
            }
        }
    }

    @Test func thePageAllowsOnlyItsOwnScriptStylesAndAPICalls() async throws {
        try await withClient { client in
            let response = try await client.execute(TestClient.Request("/bot?mind=demo", method: .get))
            #expect(response.status == .ok)
            let policy = try #require(response.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'none'"))
            #expect(policy.contains("script-src 'self'"))
            #expect(policy.contains("connect-src 'self'"))
            #expect(!policy.contains("unsafe-inline"))
            let page = String(buffer: response.body ?? ByteBuffer())
            #expect(page.contains("<script src=\"/bot/bot.js\" defer></script>"))
            #expect(page.contains("<link rel=\"stylesheet\" href=\"/parley.css\">"))
        }
    }

    /// Runs `body` with a client of a server that has the reply API and the page.
    private func withClient(_ body: @escaping @Sendable (TestClient) async throws -> Void) async throws {
        let server = try await WorldsServer.start(replyMinds: BotPageFixtureMinds.library())
        do {
            try await TestClient.withClient(host: "127.0.0.1", port: server.port) { try await body($0) }
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
    }
}
