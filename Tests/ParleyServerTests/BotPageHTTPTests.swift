import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `GET /bot` and its files over plain HTTP: content types, caching headers, conditional
/// requests, the content security policy, and nothing loaded from elsewhere.
@Suite(.timeLimit(.minutes(5)))
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
            _ = try await client.expectPage("/bot?mind=demo", scripts: ["/bot/bot.js"], styleSheets: ["/parley.css"])
        }
    }

    /// Runs `body` with a client of a server that has the reply API and the page.
    private func withClient(_ body: @escaping @Sendable (TestClient) async throws -> Void) async throws {
        try await TestClient.withServer(replyMinds: BotPageFixtureMinds.library(), body)
    }
}
