import Hummingbird

/// Answers a request whose path has routes, but none for its method, with `405
/// method_not_allowed` and an `Allow` header listing the path's methods; unknown paths stay 404,
/// as JSON (`not_found`) under the JSON APIs' prefixes.
///
/// Added to the HTTP router after its routes, so that it runs only for requests no route took.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Each route path with the methods it answers, in a fixed order.
    private let paths: [(path: RouterPath, methods: [HTTPRequest.Method])]

    /// The routes of `router`, which answers `HEAD` wherever it answers `GET`
    /// (`.autoGenerateHeadEndpoints`) but on ``ReplyAPI/pathsWithoutHead``, and those of `webSocketRouter`.
    init<WebSocketContext>(router: Router<Context>, webSocketRouter: Router<WebSocketContext>) {
        var routes: [(path: RouterPath, method: HTTPRequest.Method)] = []
        for route in router.routes {
            routes.append((route.path, route.method))
            if route.method == .get, !ReplyAPI.pathsWithoutHead.contains(route.path.description.trimmingCharacters(in: ["/"])) {
                routes.append((route.path, .head))
            }
        }
        routes += webSocketRouter.routes.map { ($0.path, $0.method) }
        var paths: [(path: RouterPath, methods: [HTTPRequest.Method])] = []
        for (path, method) in routes {
            if let index = paths.firstIndex(where: { $0.path == path }) {
                paths[index].methods.append(method)
            } else {
                paths.append((path, [method]))
            }
        }
        self.paths = paths.map { ($0.path, $0.methods.sorted { Self.rank($0) < Self.rank($1) }) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let segments = request.uri.path.split(separator: "/")
        let allowed = paths.filter { Self.matches($0.path, segments) }.flatMap(\.methods)
        if allowed.isEmpty, let api = Self.jsonAPIs.first(where: { segments.starts(with: $0.prefix) }) {
            return ReplyAPIError(
                status: .notFound, code: "not_found", message: "no endpoint at \(request.uri.path.prefix(200)): \(api.hint)"
            ).response
        }
        guard !allowed.isEmpty, !allowed.contains(request.method) else { return try await next(request, context) }
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        var response = ReplyAPIError(
            status: .methodNotAllowed, code: "method_not_allowed",
            message: "\(request.method.rawValue.prefix(20)) is not allowed here; use \(list)"
        ).response
        response.headers[.allow] = list
        return response
    }

    /// The path prefixes of JSON APIs, whose unknown paths get a JSON 404, with what they offer.
    private static var jsonAPIs: [(prefix: [Substring], hint: String)] { [
        (["users"], "use GET /users/{userid}/transcript or DELETE /users/{userid}"),
        (["studio", "api"], "the studio's API is described in docs/studio.md"),
    ] }

    /// Whether `path` (of fixed length, as Parley's routes are) matches the request's segments.
    private static func matches(_ path: RouterPath, _ segments: [Substring]) -> Bool {
        path.components.count == segments.count && zip(path.components, segments).allSatisfy { $0 ~= $1 }
    }

    /// The order methods are listed in.
    private static func rank(_ method: HTTPRequest.Method) -> Int {
        [HTTPRequest.Method.get, .head, .post, .put, .patch, .delete].firstIndex(of: method) ?? 6
    }
}
