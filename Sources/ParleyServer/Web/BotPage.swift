import Hummingbird

/// The chat page for the reply API (docs/reply-api.md): `GET /bot` (optionally
/// `?mind=NAME`) and its script `/bot/bot.js`; its style sheet is the shared `/parley.css`
/// (served by ``ParleyServer`` itself). The page talks to `/reply` in stateful mode and loads nothing from
/// elsewhere.
struct BotPage: Sendable {
    /// Only the page's own script, style sheet and `/reply` calls: injected markup could not run.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    private let page: StaticAsset
    private let script: StaticAsset

    /// Reads the page's files from ParleyServer's resources.
    init() throws {
        page = try .page(named: "bot.html", contentSecurityPolicy: Self.contentSecurityPolicy)
        script = try .script(named: "bot.js")
    }

    /// Adds `GET /bot` and `GET /bot/bot.js`.
    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("bot") { request, _ in page.response(to: request) }
        router.get("bot/bot.js") { request, _ in script.response(to: request) }
    }
}
