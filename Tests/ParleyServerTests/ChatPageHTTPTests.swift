import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `GET /` and its files over plain HTTP on a worlds server without the reply API: content types,
/// caching headers, conditional requests, the content security policy.
@Suite(.timeLimit(.minutes(1)))
struct ChatPageHTTPTests {
    static let files = [
        (path: "/", type: "text/html; charset=utf-8"),
        (path: "/chat.js", type: "text/javascript; charset=utf-8"),
        (path: "/chat.css", type: "text/css; charset=utf-8"),
        (path: "/parley.css", type: "text/css; charset=utf-8"),
        (path: "/embed.js", type: "text/javascript; charset=utf-8"),
    ]

    @Test func servesThePageItsFilesAndTheEmbedScriptWithTypesAndEntityTags() async throws {
        try await withClient { client in
            for file in Self.files {
                try await client.expectStaticFile(file.path, type: file.type)
            }
        }
    }

    @Test func thePageRunsOnlyItsOwnScriptTalksOnlyToItsServerAndMayBeFramed() async throws {
        try await withClient { client in
            let response = try await client.execute(TestClient.Request("/?task=echo", method: .get))
            #expect(response.status == .ok)
            let policy = try #require(response.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'none'"))
            #expect(policy.contains("script-src 'self';"))
            #expect(policy.contains("connect-src 'self';"))
            #expect(policy.contains("frame-ancestors *"))
            #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
            let page = String(buffer: response.body ?? ByteBuffer())
            #expect(page.contains("<script src=\"/chat.js\" defer></script>"))
            #expect(page.contains("<link rel=\"stylesheet\" href=\"/parley.css\">"))
            #expect(page.contains("<link rel=\"stylesheet\" href=\"/chat.css\">"))
        }
    }

    /// Runs `body` with a client of a demo worlds server (no reply API).
    private func withClient(_ body: @escaping @Sendable (TestClient) async throws -> Void) async throws {
        let server = try await WorldsServer.start()
        do {
            try await TestClient.withClient(host: "127.0.0.1", port: server.port) { try await body($0) }
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
    }
}
