import Hummingbird

/// The browser chat page for the worlds: `GET /` talks to `/websocket` (docs/chat-services.md, with
/// sessions and typing frames), `GET /chat.js` and `GET /chat.css` are its own files,
/// its base style sheet `/parley.css` (shared with `/bot` and `/docs`) is served by the server
/// itself, and `GET /embed.js` puts the page on other sites in a chat bubble. Nothing is loaded from elsewhere: images that
/// people link to come through ``ImageProxy``.
struct ChatPage: Sendable {
    /// The page's own script and style sheets, its WebSocket, and images from payloads (inline
    /// base64, or links through the image proxy `/media`); other sites may frame it (that is what
    /// `/embed.js` does).
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *"

    private let page: StaticAsset
    private let script: StaticAsset
    private let styles: StaticAsset
    private let embedScript: StaticAsset

    /// Reads the page's files from ParleyServer's resources.
    init() throws {
        page = try .page(named: "chat.html", contentSecurityPolicy: Self.contentSecurityPolicy)
        script = try .script(named: "chat.js")
        styles = try .styleSheet(named: "chat.css")
        embedScript = try .script(named: "embed.js")
    }

    /// Adds `GET /`, `GET /chat.js`, `GET /chat.css` and `GET /embed.js`.
    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("/") { request, _ in page.response(to: request) }
        router.get("chat.js") { request, _ in script.response(to: request) }
        router.get("chat.css") { request, _ in styles.response(to: request) }
        router.get("embed.js") { request, _ in embedScript.response(to: request) }
    }
}
