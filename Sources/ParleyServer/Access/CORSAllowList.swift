import Hummingbird

/// Cross-origin calls from browsers, allowed only for the configured origins and the server's own:
/// `http://` and the request's `Host`, or a public host's origin (``PublicHost``) for a server
/// behind a TLS proxy. Scheme, host and port must all match.
///
/// A preflight `OPTIONS` from an allowed origin is answered `204` with the CORS headers; any other
/// request from an allowed origin gets `Access-Control-Allow-Origin`. A request from another origin
/// is refused with `403 origin_not_allowed`, so that a page elsewhere cannot act for its visitor.
/// Requests without `Origin` (not from a browser page) pass untouched.
public struct CORSAllowList<Context: RequestContext>: RouterMiddleware {
    /// The allowed origins, normalised (lowercase scheme and host, no trailing slash).
    private let origins: Set<String>
    /// The origins of public hosts given as origins, by host name.
    private let publicOrigins: [String: String]

    /// How long a browser may cache a preflight answer, in seconds.
    static var maxAge: String { "600" }

    /// - Parameter origins: e.g. `https://example.com` or `http://localhost:8080`.
    public init(origins: [String], publicHosts: [PublicHost] = []) {
        self.origins = Set(origins.map(Self.normalised))
        var publicOrigins: [String: String] = [:]
        for host in publicHosts {
            if let origin = host.origin { publicOrigins[host.name] = origin }
        }
        self.publicOrigins = publicOrigins
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let origin = request.headers.firstValue(.origin) else { return try await next(request, context) }
        guard isAllowed(origin, host: request.head.authority) else {
            var response = ReplyAPIError(
                status: .forbidden, code: "origin_not_allowed",
                message: "requests from the origin \(origin.prefix(100)) are not allowed (see --cors-origin)"
            ).response
            response.headers[.vary] = "Origin"
            return response
        }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            return Response(
                status: .noContent,
                headers: [
                    .accessControlAllowOrigin: origin,
                    .accessControlAllowMethods: "GET, POST, DELETE, OPTIONS",
                    .accessControlAllowHeaders: "Authorization, Content-Type",
                    .accessControlMaxAge: Self.maxAge,
                    .vary: "Origin",
                ])
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[values: .vary].append("Origin")
        return response
    }

    /// Whether `origin` is configured or is the server's own (`host` being the request's authority).
    func isAllowed(_ origin: String, host: String?) -> Bool {
        let origin = Self.normalised(origin)
        if origins.contains(origin) { return true }
        guard let host else { return false }
        if let publicOrigin = publicOrigins[PublicHost.hostName(ofAuthority: host.lowercased())] {
            return origin == publicOrigin
        }
        return origin == "http://" + host.lowercased()
    }

    private static func normalised(_ origin: String) -> String {
        var origin = origin.lowercased()
        while origin.hasSuffix("/") { origin.removeLast() }
        return origin
    }
}
