import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `GET /` and its files over plain HTTP on a worlds server without the reply API: content types,
/// caching headers, conditional requests, the content security policy.
@Suite(.timeLimit(.minutes(5)))
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

    @Test func thePageRunsOnlyItsOwnScriptTalksOnlyToItsServerShowsOnlyItsOwnImagesAndMayBeFramed() async throws {
        try await withClient { client in
            let (policy, _) = try await client.expectPage(
                "/?task=echo", scripts: ["/chat.js"], styleSheets: ["/chat.css"])
            #expect(policy.contains("frame-ancestors *"))
            // Images only from the server itself (its image proxy) and inline data.
            #expect(policy.contains("img-src 'self' data:;"))
        }
    }

    /// Runs `body` with a client of a demo worlds server (no reply API).
    private func withClient(_ body: @escaping @Sendable (TestClient) async throws -> Void) async throws {
        try await TestClient.withServer(body)
    }
}
