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
    /// styles and connections, and no inline code, linking its files by versioned addresses (`?v=`
    /// and the file's digest, cached for a year); returns the policy and the page.
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
            try await expectVersioned(script, in: page, between: "<script src=\"", and: "\" defer></script>")
        }
        for sheet in styleSheets {
            try await expectVersioned(sheet, in: page, between: "<link rel=\"stylesheet\" href=\"", and: "\">")
        }
        return (policy, page)
    }

    /// Expects `page` to link `file` as `file?v=DIGEST` (between `before` and `after`), where DIGEST
    /// is the file's entity tag, and that address to be cached for a year; the plain one is not.
    private func expectVersioned(_ file: String, in page: String, between before: String, and after: String) async throws {
        let start = try #require(page.range(of: before + file + "?v="), "the page links \(file) by a versioned address")
        let digest = page[start.upperBound...].prefix { $0 != "\"" }
        #expect(page[start.upperBound...].hasPrefix(digest + after), "\(file)")
        let versioned = try await execute(TestClient.Request("\(file)?v=\(digest)", method: .get))
        #expect(versioned.headers[.eTag] == "\"\(digest)\"", "\(file): the address carries the file's digest")
        #expect(versioned.headers[.cacheControl] == "public, max-age=31536000, immutable", "\(file)")
        let stale = try await execute(TestClient.Request("\(file)?v=0123", method: .get))
        #expect(stale.headers[.cacheControl] == "no-cache", "\(file): another version's address is checked every time")
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
