import Hummingbird

/// The page of an admin face (the studio, the review app) at `/NAME`, with its script and style
/// sheet at `/NAME/NAME.js` and `/NAME/NAME.css`. Without an admin key on a server that listens
/// beyond loopback, the page answers 403 with what to do.
struct AdminFacePage: Sendable {
    /// Only the page's own files and calls: minds, outputs and what people said cannot run code on it.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// `studio` or `admin`: the page's path and its files' names.
    let name: String
    let gate: AdminGate

    func addRoutes(to router: Router<ParleyRequestContext>) throws {
        let page = try StaticAsset.page(named: "\(name).html", contentSecurityPolicy: Self.contentSecurityPolicy)
        let script = try StaticAsset.script(named: "\(name).js")
        let styles = try StaticAsset.styleSheet(named: "\(name).css")
        let (isOpen, closed) = (gate.options.isOpen, gate.closed.message)
        router.get(RouterPath(name)) { request, _ in
            guard isOpen else {
                return Response(
                    status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: closed + "\n")))
            }
            return page.response(to: request)
        }
        router.get(RouterPath("\(name)/\(name).js")) { request, _ in script.response(to: request) }
        router.get(RouterPath("\(name)/\(name).css")) { request, _ in styles.response(to: request) }
    }
}
