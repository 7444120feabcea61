import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `HEAD` on every page and asset of `parley serve` (everything on one port): answered as `GET`
/// is, headers and all, without a body, so uptime checks and caches work.
@Suite(.timeLimit(.minutes(5)))
struct HeadRequestTests {
    static let paths = [
        "/", "/chat.js", "/chat.css", "/embed.js", "/parley.css", "/console.css", "/health",
        "/bot", "/bot/bot.js", "/docs", "/docs/docs.css", "/docs/worlds", "/docs/chat-page-desktop.png",
        "/studio", "/studio/studio.js", "/studio/studio.css", "/admin", "/admin/admin.js", "/admin/admin.css",
    ]

    @Test func everyPageAndAssetAnswersHeadLikeGetWithoutABody() async throws {
        let directory = try CommandLineTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let serve = try ParleyProcess(["serve", "--port", "0"], directory: directory)
        let banner = try #require(await serve.nextLine())
        let port = try #require(banner.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) })
        _ = try await serve.lines { $0 == "ready" }
        for path in Self.paths {
            let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
            let (body, got) = try await Self.fetch(url, method: "GET")
            let (headBody, head) = try await Self.fetch(url, method: "HEAD")
            #expect(got.statusCode == 200, "GET \(path)")
            #expect(head.statusCode == got.statusCode, "HEAD \(path)")
            #expect(headBody.isEmpty, "HEAD \(path) has no body")
            for field in ["Content-Type", "Content-Length", "ETag", "Cache-Control", "Content-Security-Policy"] {
                #expect(head.value(forHTTPHeaderField: field) == got.value(forHTTPHeaderField: field), "HEAD \(path): \(field)")
            }
            #expect(got.value(forHTTPHeaderField: "Content-Length") == String(body.count), "GET \(path)")
        }
        serve.interrupt()
        #expect(await serve.waitForExit() == 0)
    }

    private static func fetch(_ url: URL, method: String) async throws -> (Data, HTTPURLResponse) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        let (data, response) = try await URLSession.shared.data(for: request)
        return (data, try #require(response as? HTTPURLResponse))
    }
}
