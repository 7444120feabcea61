import HTTPTypes
import HummingbirdTesting
import NIOCore
import ParleyServer
import Testing

/// Checks shared by the tests of Parley's web pages over plain HTTP.
extension TestClient {
    /// Expects `path` served with `type`, `no-cache`, `nosniff` and an entity tag that conditional
    /// requests honour (weakly compared), loading nothing from elsewhere; returns the body.
    @discardableResult
    func expectStaticFile(_ path: String, type: String) async throws -> String {
        let response = try await execute(TestClient.Request(path, method: .get))
        #expect(response.status == .ok, "\(path)")
        #expect(response.headers[.contentType] == type, "\(path)")
        #expect(response.headers[.cacheControl] == "no-cache", "\(path)")
        #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
        let tag = try #require(response.headers[.eTag], "\(path)")
        let body = String(buffer: response.body ?? ByteBuffer())
        #expect(!body.isEmpty, "\(path)")
        // No external assets: no address with a scheme or a network-path reference in src, href or url().
        for reference in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "url(http", "url(//", "@import"] {
            #expect(!body.contains(reference), "\(path) contains \(reference)")
        }

        let again = try await execute(TestClient.Request(path, method: .get, headers: [.ifNoneMatch: "\"other\", W/\(tag)"]))
        #expect(again.status == .notModified, "\(path)")
        #expect(again.headers[.eTag] == tag, "\(path)")
        #expect((again.body?.readableBytes ?? 0) == 0, "\(path)")

        let changed = try await execute(TestClient.Request(path, method: .get, headers: [.ifNoneMatch: "\"other\""]))
        #expect(changed.status == .ok, "\(path)")
        return body
    }

    /// Expects the page at `path` with a content security policy that allows only its own scripts,
    /// styles and connections, and no inline code; returns the policy and the page.
    func expectPage(_ path: String, scripts: [String], styleSheets: [String]) async throws -> (policy: String, page: String) {
        let response = try await execute(TestClient.Request(path, method: .get))
        #expect(response.status == .ok)
        let policy = try #require(response.headers[.contentSecurityPolicy])
        for directive in ["default-src 'none'", "script-src 'self'", "connect-src 'self'"] {
            #expect(policy.contains(directive), "\(path): \(policy)")
        }
        #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), "\(path): \(policy)")
        let page = String(buffer: response.body ?? ByteBuffer())
        for script in scripts {
            #expect(page.contains("<script src=\"\(script)\" defer></script>"), "\(path) loads \(script)")
        }
        for sheet in styleSheets {
            #expect(page.contains("<link rel=\"stylesheet\" href=\"\(sheet)\">"), "\(path) links \(sheet)")
        }
        return (policy, page)
    }

    /// Runs `body` with a client of a worlds server started as `WorldsServer.with` does.
    static func withServer(
        replyMinds: MindLibrary? = nil, _ body: @escaping @Sendable (TestClient) async throws -> Void
    ) async throws {
        try await WorldsServer.with(replyMinds: replyMinds) { server in
            try await TestClient.withClient(host: "127.0.0.1", port: server.port) { try await body($0) }
        }
    }
}
