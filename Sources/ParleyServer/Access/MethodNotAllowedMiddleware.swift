import Hummingbird

/// Answers a request whose path has routes, but none for its method, with `405
/// method_not_allowed` and an `Allow` header listing the path's methods; unknown paths stay 404.
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
        guard !allowed.isEmpty, !allowed.contains(request.method) else { return try await next(request, context) }
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        var response = ReplyAPIError(
            status: .methodNotAllowed, code: "method_not_allowed",
            message: "\(request.method.rawValue.prefix(20)) is not allowed here; use \(list)"
        ).response
        response.headers[.allow] = list
        return response
    }

    /// Whether `path` (of fixed length, as Parley's routes are) matches the request's segments.
    private static func matches(_ path: RouterPath, _ segments: [Substring]) -> Bool {
        path.components.count == segments.count && zip(path.components, segments).allSatisfy { $0 ~= $1 }
    }

    /// The order methods are listed in.
    private static func rank(_ method: HTTPRequest.Method) -> Int {
        [HTTPRequest.Method.get, .head, .post, .put, .patch, .delete].firstIndex(of: method) ?? 6
    }
}
