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
        (path: "/bot/bot.css", type: "text/css; charset=utf-8"),
    ]

    @Test func servesThePageItsScriptAndStyleSheetWithTypesAndEntityTags() async throws {
        try await withClient { client in
            for file in Self.files {
                let response = try await client.execute(TestClient.Request(file.path, method: .get))
                #expect(response.status == .ok, "\(file.path)")
                #expect(response.headers[.contentType] == file.type, "\(file.path)")
                #expect(response.headers[.cacheControl] == "no-cache", "\(file.path)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(file.path)")
                let tag = try #require(response.headers[.eTag], "\(file.path)")
                let body = String(buffer: response.body ?? ByteBuffer())
                #expect(!body.isEmpty, "\(file.path)")
                // No external assets: nothing with a scheme or a network-path reference.
                #expect(!body.contains("http:") && !body.contains("https:") && !body.contains("src=\"//"), "\(file.path)")

                let again = try await client.execute(
                    TestClient.Request(file.path, method: .get, headers: [.ifNoneMatch: "\"other\", W/\(tag)"]))
                #expect(again.status == .notModified, "\(file.path)")
                #expect(again.headers[.eTag] == tag, "\(file.path)")
                #expect((again.body?.readableBytes ?? 0) == 0, "\(file.path)")

                let changed = try await client.execute(
                    TestClient.Request(file.path, method: .get, headers: [.ifNoneMatch: "\"other\""]))
                #expect(changed.status == .ok, "\(file.path)")
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
            #expect(page.contains("<link rel=\"stylesheet\" href=\"/bot/bot.css\">"))
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
