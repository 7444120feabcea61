import Hummingbird

/// Applies the HTTP routes' origin allow-list (``CORSAllowList``) to WebSocket upgrades: a browser
/// page from another origin cannot open a chat as its visitor. Clients that are not browser pages
/// pass: ParlAI's send no `Origin` or the server's own, and some WebSocket libraries send a
/// `ws://` one, which no browser does.
struct WebSocketOriginCheck<Context: RequestContext>: RouterMiddleware {
    let allowList: CORSAllowList<Context>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let origin = request.headers.firstValue(.origin), Self.isBrowserOrigin(origin),
            !allowList.isAllowed(origin, host: request.head.authority)
        else { return try await next(request, context) }
        return ReplyAPIError(
            status: .forbidden, code: "origin_not_allowed",
            message: "WebSocket connections from the origin \(origin.prefix(100)) are not allowed (see --cors-origin)"
        ).response
    }

    /// Whether a browser page could have sent `origin`: an http(s) origin, or `null` (sandboxed
    /// frames, files).
    static func isBrowserOrigin(_ origin: String) -> Bool {
        let origin = origin.lowercased()
        return origin == "null" || origin.hasPrefix("http://") || origin.hasPrefix("https://")
    }
}
