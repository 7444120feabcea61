import HTTPTypes
import Hummingbird
import Synchronization

/// The image proxy `GET /media?url=URL`, through which the chat page shows images that other
/// people and bots link to, so their hosts never see the person's address or timing.
///
/// Only `http(s)` URLs; only PNG, JPEG, GIF and WebP images (never SVG, which can run scripts),
/// checked by their type and their first bytes; within the size, time, redirect and concurrency
/// limits of ``ImageProxyOptions``; never from loopback, private or link-local addresses unless
/// the operator allowed the host. Pages of other sites may not use it.
struct ImageProxy: Sendable {
    /// An image answer runs nothing, even when opened on its own.
    static let contentSecurityPolicy = "default-src 'none'; sandbox"
    /// Browsers may keep an image for a day; shared caches may not.
    static let cacheControl = "private, max-age=86400"

    /// The number of fetches running, bounded.
    private final class Fetches: Sendable {
        private let running = Atomic<Int>(0)
        private let limit: Int

        init(limit: Int) {
            self.limit = limit
        }

        /// Counts one more fetch; false (and nothing counted) when `limit` are running.
        func start() -> Bool {
            if running.add(1, ordering: .relaxed).newValue <= limit { return true }
            running.subtract(1, ordering: .relaxed)
            return false
        }

        func end() {
            running.subtract(1, ordering: .relaxed)
        }
    }

    /// The request header that says which site's page asked.
    private static let fetchSite = HTTPField.Name("Sec-Fetch-Site")!

    private let fetcher: ImageFetcher
    private let fetches: Fetches

    init(options: ImageProxyOptions) {
        fetcher = ImageFetcher(options: options)
        fetches = Fetches(limit: options.maximumFetches)
    }

    /// Adds `GET /media`.
    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("media") { request, _ in
            do throws(ImageProxyError) {
                return try await image(for: request)
            } catch {
                return error.response
            }
        }
    }

    private func image(for request: Request) async throws(ImageProxyError) -> Response {
        if let site = request.headers[Self.fetchSite], site != "same-origin", site != "none" {
            throw .crossSite
        }
        guard let text = request.uri.queryParameters.get("url"), !text.isEmpty else {
            throw .invalidURL("the url parameter is missing: /media?url=URL")
        }
        let url: RemoteURL
        do {
            url = try RemoteURL(text)
        } catch {
            throw .invalidURL("\"\(text.prefix(200))\" is not an image URL this server fetches: \(error.reason)")
        }
        guard fetches.start() else { throw .busy }
        defer { fetches.end() }
        let image = try await fetcher.fetch(url)
        return Response(
            status: .ok,
            headers: [
                .contentType: image.type.rawValue,
                .cacheControl: Self.cacheControl,
                .xContentTypeOptions: "nosniff",
                .contentSecurityPolicy: Self.contentSecurityPolicy,
                .crossOriginResourcePolicy: "same-origin",
            ],
            body: ResponseBody(byteBuffer: image.bytes))
    }
}
