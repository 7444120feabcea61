import HTTPTypes
import HummingbirdTesting
import NIOCore
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
}
