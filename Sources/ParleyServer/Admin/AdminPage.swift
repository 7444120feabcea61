import Hummingbird

/// The review app's page (`GET /admin`) and its script and style sheet. Without an admin key on a
/// server that listens beyond loopback, the page answers 403 with what to do.
struct AdminPage: Sendable {
    /// Only the page's own files and calls: what people said cannot run code on it.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    let gate: AdminGate

    func addRoutes(to router: Router<ParleyRequestContext>) throws {
        let page = try StaticAsset.page(named: "admin.html", contentSecurityPolicy: Self.contentSecurityPolicy)
        let script = try StaticAsset.script(named: "admin.js")
        let styles = try StaticAsset.styleSheet(named: "admin.css")
        let (isOpen, closed) = (gate.options.isOpen, gate.closed.message)
        router.get("admin") { request, _ in
            guard isOpen else {
                return Response(
                    status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: closed + "\n")))
            }
            return page.response(to: request)
        }
        router.get("admin/admin.js") { request, _ in script.response(to: request) }
        router.get("admin/admin.css") { request, _ in styles.response(to: request) }
    }
}
