import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ParleyCore
import ParleyServer
import Testing

/// The image proxy `GET /media` on a real Parley server, fetching from a real image host on
/// 127.0.0.1 (allowed with `allowedHosts`, as `--media-allow-host 127.0.0.1` would).
@Suite(.timeLimit(.minutes(5)))
struct ImageProxyTests {
    /// Allows the image host, with a time limit no busy test machine reaches (the limit's own test
    /// sets a short one).
    static let allowingTheHost = ImageProxyOptions(allowedHosts: ["127.0.0.1"], timeout: .seconds(90))

    /// An answer of the proxy: its status, headers, body and, for errors, the error code.
    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: Data
        var code: String? { (try? JSONValue.parse(body))?["error"]?["code"]?.stringValue }
    }

    @Test func passesOnARealImageWithItsTypeAndSafeHeadersForwardingNoCredentials() async throws {
        try await withProxy(Self.allowingTheHost) { host, get in
            let answer = try await get(
                host.url("/picture.png"),
                [.cookie: "session=secret", .authorization: "Bearer key", .referer: "http://127.0.0.1/?task=chat"])
            #expect(answer.status == .ok)
            #expect(answer.body == ImageHost.picture)
            #expect(answer.headers[.contentType] == "image/png")
            #expect(answer.headers[.xContentTypeOptions] == "nosniff")
            #expect(answer.headers[.contentSecurityPolicy] == "default-src 'none'; sandbox")
            #expect(answer.headers[.cacheControl] == "private, max-age=86400")
            #expect(answer.headers[.crossOriginResourcePolicy] == "same-origin")

            let gif = try await get(host.url("/tiny.gif"), [:])
            #expect(gif.status == .ok && gif.headers[.contentType] == "image/gif" && gif.body == ImageHost.tinyGIF)

            let visits = host.requests
            #expect(visits.map(\.path) == ["/picture.png", "/tiny.gif"])
            for visit in visits {
                #expect(visit.headers[.cookie] == nil && visit.headers[.authorization] == nil && visit.headers[.referer] == nil)
                #expect(visit.headers[.accept] == "image/png, image/jpeg, image/gif, image/webp")
                #expect(visit.headers[.userAgent] == "Parley image proxy")
            }
        }
    }

    @Test func refusesLoopbackPrivateAndLinkLocalAddressesUnlessTheHostIsAllowed() async throws {
        try await withProxy(ImageProxyOptions()) { host, get in
            let port = host.port
            for url in [
                host.url("/picture.png"), "http://localhost:\(port)/picture.png", "http://[::1]:\(port)/picture.png",
                "http://[::ffff:127.0.0.1]:\(port)/picture.png", "http://2130706433:\(port)/picture.png",
                "http://0.0.0.0:\(port)/picture.png", "http://10.1.2.3/a.png", "http://172.16.0.1/a.png",
                "http://192.168.1.1/a.png", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/a.png",
                "http://[fd00::1]/a.png", "http://[fe80::1]/a.png",
            ] {
                let answer = try await get(url, [:])
                #expect(answer.status == .forbidden, "\(url)")
                #expect(answer.code == "address_not_allowed", "\(url)")
                #expect(answer.headers[.cacheControl] == "no-store", "\(url)")
            }
            #expect(host.requests.isEmpty)
        }
    }

    @Test func anAllowedNameIsFetchedUnderItsOwnNameAtTheAddressLookedUp() async throws {
        try await withProxy(ImageProxyOptions(allowedHosts: ["LocalHost"], timeout: .seconds(90))) { host, get in
            let answer = try await get("http://localhost:\(host.port)/picture.png", [:])
            #expect(answer.status == .ok && answer.body == ImageHost.picture)
            #expect(host.requests.map(\.authority) == ["localhost:\(host.port)"])
            // Allowing a name allows nothing else at its address.
            let literal = try await get(host.url("/picture.png"), [:])
            #expect(literal.status == .forbidden && literal.code == "address_not_allowed")
        }
    }

    @Test func followsRedirectsCheckingEachTarget() async throws {
        try await withProxy(Self.allowingTheHost) { host, get in
            let moved = try await get(host.url("/moved.png"), [:])
            #expect(moved.status == .ok && moved.body == ImageHost.picture, "\(moved.status) \(moved.code ?? "")")

            let loop = try await get(host.url("/loop.png"), [:])
            #expect(loop.status == .badGateway && loop.code == "image_unreachable")

            // 127.0.0.1 is allowed, localhost is not: the redirect's target is checked again.
            let escape = try await get(host.url("/to-localhost.png"), [:])
            #expect(escape.status == .forbidden && escape.code == "address_not_allowed")

            #expect(host.requests.map(\.path) == ["/moved.png", "/picture.png"] + Array(repeating: "/loop.png", count: 4) + ["/to-localhost.png"])
        }
    }

    @Test func refusesWhatIsNotAPNGJPEGGIFOrWebPImage() async throws {
        try await withProxy(Self.allowingTheHost) { host, get in
            for path in ["/page.html", "/drawing.svg", "/disguised.png"] {
                let answer = try await get(host.url(path), [:])
                #expect(answer.status == .badGateway, "\(path)")
                #expect(answer.code == "not_an_image", "\(path)")
                #expect(!String(decoding: answer.body, as: UTF8.self).contains("<script>"), "\(path)")
            }
            let missing = try await get(host.url("/missing.png"), [:])
            #expect(missing.status == .badGateway && missing.code == "image_unreachable")
        }
    }

    @Test func cutsOffImagesOverTheSizeLimitWhileTheyStream() async throws {
        try await withProxy(ImageProxyOptions(allowedHosts: ["127.0.0.1"], timeout: .seconds(60))) { host, get in
            let declared = try await get(host.url("/large.png"), [:])
            #expect(declared.status == .badGateway && declared.code == "image_too_large")

            // No length, and no end: the size limit stops it (the time limit would say image_timeout).
            let endless = try await get(host.url("/endless.png"), [:])
            #expect(endless.status == .badGateway && endless.code == "image_too_large")
        }
    }

    @Test func givesUpAtTheTimeLimitWhetherTheHeadOrTheBodyIsLate() async throws {
        try await withProxy(ImageProxyOptions(allowedHosts: ["127.0.0.1"], timeout: .milliseconds(500))) { host, get in
            for path in ["/slow.png", "/dribble.png"] {
                let answer = try await get(host.url(path), [:])
                #expect(answer.status == .gatewayTimeout, "\(path)")
                #expect(answer.code == "image_timeout", "\(path)")
            }
        }
    }

    @Test func refusesOtherSchemesAndURLsItDoesNotFetch() async throws {
        try await withProxy(Self.allowingTheHost) { host, get in
            for url in [
                "", "file:///etc/passwd", "ftp://127.0.0.1/a.png", "javascript:alert(1)", "data:image/png;base64,AAAA",
                "http://user@127.0.0.1:\(host.port)/picture.png", "not a url", "/picture.png",
            ] {
                let answer = try await get(url, [:])
                #expect(answer.status == .badRequest, "\(url)")
                #expect(answer.code == "invalid_url", "\(url)")
            }
            #expect(host.requests.isEmpty)
        }
    }

    @Test func refusesPagesOfOtherSites() async throws {
        try await withProxy(Self.allowingTheHost) { host, get in
            let fetchSite = HTTPField.Name("Sec-Fetch-Site")!
            for site in ["cross-site", "same-site"] {
                let answer = try await get(host.url("/picture.png"), [fetchSite: site])
                #expect(answer.status == .forbidden && answer.code == "origin_not_allowed", "\(site)")
            }
            #expect(host.requests.isEmpty)
            let own = try await get(host.url("/picture.png"), [fetchSite: "same-origin"])
            #expect(own.status == .ok)
        }
    }

    @Test func answersBusyPastTheFetchLimit() async throws {
        // A time limit far beyond the test's, so that the held fetch ends only when released.
        let options = ImageProxyOptions(allowedHosts: ["127.0.0.1"], timeout: .seconds(600), maximumFetches: 1)
        try await withProxy(options) { host, get in
            async let held = get(host.url("/slow.png"), [:])
            await host.slowAsked.wait()
            let busy = try await get(host.url("/picture.png"), [:])
            #expect(busy.status == .serviceUnavailable && busy.code == "media_busy")
            #expect(busy.headers[.retryAfter] == "1")
            host.releaseHeldAnswers()
            #expect(try await held.status == .ok)
            #expect(try await get(host.url("/picture.png"), [:]).status == .ok)
        }
    }

    /// Runs `body` with an image host and a function that asks a Parley server, whose image proxy
    /// has `options`, for `/media?url=URL` with more request headers.
    private func withProxy(
        _ options: ImageProxyOptions,
        _ body: (ImageHost, @Sendable (String, HTTPFields) async throws -> Answer) async throws -> Void
    ) async throws {
        try await ImageHost.with { host in
            try await WorldsServer.with(media: options) { server in
                let port = server.port
                try await body(host) { url, headers in
                    let query = url.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                    // Read timeout beyond the suite's limit: a slow machine fails a test by its limit, not here.
                    let configuration = TestClient.Configuration(timeout: .seconds(150))
                    return try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: configuration) { client in
                        let response = try await client.execute(
                            TestClient.Request("/media?url=\(query)", method: .get, headers: headers))
                        return Answer(
                            status: response.status, headers: response.headers,
                            body: Data((response.body ?? ByteBuffer()).readableBytesView))
                    }
                }
            }
        }
    }
}
