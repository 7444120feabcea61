import Foundation
import HTTPTypes
import Hummingbird
import ParleyTestSupport
import Synchronization

/// A real HTTP server on 127.0.0.1 standing in for the sites people link images from: real images,
/// things that are not images, answers too large, slow or redirected; it records every request.
struct ImageHost {
    /// One request the host got.
    struct Visit: Sendable {
        var path: String
        /// The `Host` header.
        var authority: String?
        var headers: HTTPFields
    }

    /// A real PNG picture (the chat page at phone width, from the docs).
    static let picture = try! Data(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/chat-page-phone.png"))
    /// A 1×1 GIF.
    static let tinyGIF = Data(base64Encoded: "R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")!
    /// An SVG drawing that runs a script when opened as a document.
    static let drawing = #"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#

    private let server: LocalHTTPServer
    private let recorder: Recorder
    /// Opened when the test ends (or by ``releaseHeldAnswers()``): held answers finish.
    private let release: TestGate
    /// Opened when `/slow.png` is asked for.
    let slowAsked: TestGate

    var port: Int { server.port }

    /// `http://127.0.0.1:PORT` followed by `path`.
    func url(_ path: String) -> String { server.url(path) }

    /// The requests the host got so far.
    var requests: [Visit] { recorder.visits.withLock { $0 } }

    /// Runs `body` with a new host, stopped afterwards.
    static func with(_ body: (ImageHost) async throws -> Void) async throws {
        let host = try await start()
        do {
            try await body(host)
        } catch {
            try await host.stop()
            throw error
        }
        try await host.stop()
    }

    private static func start() async throws -> ImageHost {
        let recorder = Recorder()
        let release = TestGate()
        let slowAsked = TestGate()
        let router = Router()
        router.add(middleware: recorder)
        router.get("picture.png") { _, _ in image(picture, type: "image/png") }
        router.get("tiny.gif") { _, _ in image(tinyGIF, type: "image/gif") }
        router.get("page.html") { _, _ in image(Data("<html><body>hello</body></html>".utf8), type: "text/html") }
        router.get("drawing.svg") { _, _ in image(Data(drawing.utf8), type: "image/svg+xml") }
        router.get("disguised.png") { _, _ in image(Data(drawing.utf8), type: "image/png") }
        router.get("large.png") { _, _ in image(picture + Data(count: 6 * 1024 * 1024), type: "image/png") }
        router.get("endless.png") { _, _ in
            // No length, and chunks for as long as anyone reads.
            Response(
                status: .ok, headers: [.contentType: "image/png"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(bytes: picture))
                    while true { try await writer.write(ByteBuffer(repeating: 0, count: 64 * 1024)) }
                })
        }
        router.get("slow.png") { _, _ in
            slowAsked.open()
            await release.wait()
            return image(picture, type: "image/png")
        }
        router.get("dribble.png") { _, _ in
            // The head and the first bytes at once, the rest never.
            Response(
                status: .ok, headers: [.contentType: "image/png"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(bytes: picture.prefix(100)))
                    await release.wait()
                })
        }
        router.get("missing.png") { _, _ in Response(status: .notFound) }
        router.get("moved.png") { _, _ in Response(status: .found, headers: [.location: "/picture.png"]) }
        router.get("loop.png") { _, _ in Response(status: .found, headers: [.location: "/loop.png"]) }
        router.get("to-localhost.png") { request, _ in
            let port = request.head.authority?.split(separator: ":").last ?? ""
            return Response(status: .found, headers: [.location: "http://localhost:\(port)/picture.png"])
        }
        return ImageHost(server: try await LocalHTTPServer.start(router), recorder: recorder, release: release, slowAsked: slowAsked)
    }

    /// Lets `/slow.png` and `/dribble.png` finish.
    func releaseHeldAnswers() {
        release.open()
    }

    private func stop() async throws {
        release.open()
        try await server.stop()
    }

    private static func image(_ bytes: Data, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Records each request's path and headers.
    private final class Recorder: RouterMiddleware, Sendable {
        let visits = Mutex<[Visit]>([])

        func handle(
            _ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response
        ) async throws -> Response {
            visits.withLock { $0.append(Visit(path: request.uri.path, authority: request.head.authority, headers: request.headers)) }
            return try await next(request, context)
        }
    }
}
