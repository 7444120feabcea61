import Hummingbird

/// The chat page for the reply API (reply-api.md section 6): `GET /bot` (optionally
/// `?mind=NAME`), its script `/bot/bot.js` and its style sheet `/bot/bot.css`. The page talks to
/// `/reply` in stateful mode and loads nothing from elsewhere.
struct BotPage: Sendable {
    /// Only the page's own script, style sheet and `/reply` calls: injected markup could not run.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    private let page: StaticAsset
    private let script: StaticAsset
    private let styles: StaticAsset

    /// Reads the page's files from ParleyServer's resources.
    init() throws {
        var pageHeaders = HTTPFields()
        pageHeaders[.contentSecurityPolicy] = Self.contentSecurityPolicy
        page = try StaticAsset(named: "bot.html", contentType: "text/html; charset=utf-8", headers: pageHeaders)
        script = try StaticAsset(named: "bot.js", contentType: "text/javascript; charset=utf-8")
        styles = try StaticAsset(named: "bot.css", contentType: "text/css; charset=utf-8")
    }

    /// Adds `GET /bot`, `GET /bot/bot.js` and `GET /bot/bot.css`.
    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("bot") { request, _ in page.response(to: request) }
        router.get("bot/bot.js") { request, _ in script.response(to: request) }
        router.get("bot/bot.css") { request, _ in styles.response(to: request) }
    }
}
