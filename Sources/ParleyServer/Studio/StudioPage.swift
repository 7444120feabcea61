import Hummingbird

/// The studio's page (`GET /studio`) and its script and style sheet. Without an admin key on a
/// server that listens beyond loopback, the page answers 403 with what to do.
struct StudioPage: Sendable {
    /// Only the page's own files and calls: minds and outputs shown on it cannot run code.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    let options: StudioOptions

    func addRoutes(to router: Router<ParleyRequestContext>) throws {
        let page = try StaticAsset.page(named: "studio.html", contentSecurityPolicy: Self.contentSecurityPolicy)
        let script = try StaticAsset.script(named: "studio.js")
        let styles = try StaticAsset.styleSheet(named: "studio.css")
        let isOpen = options.isOpen
        let closed = AdminGate(options: options, face: "the studio").closed.message
        router.get("studio") { request, _ in
            guard isOpen else {
                return Response(
                    status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: closed + "\n")))
            }
            return page.response(to: request)
        }
        router.get("studio/studio.js") { request, _ in script.response(to: request) }
        router.get("studio/studio.css") { request, _ in styles.response(to: request) }
    }
}
