import Hummingbird
import Synchronization

/// Once the server begins a graceful shutdown, answers new requests `503` with `Connection: close`
/// and `Retry-After`, so that keep-alive clients go elsewhere while requests in flight finish.
final class ShutdownDrain: Sendable {
    private let draining = Atomic<Bool>(false)

    init() {}

    /// Whether new requests are refused.
    var isDraining: Bool { draining.load(ordering: .relaxed) }

    /// Refuses every later request.
    func begin() {
        draining.store(true, ordering: .relaxed)
    }

    /// The middleware that refuses requests while draining.
    func middleware<Context: RequestContext>() -> Middleware<Context> {
        Middleware(drain: self)
    }

    struct Middleware<Context: RequestContext>: RouterMiddleware {
        let drain: ShutdownDrain

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
            async throws -> Response
        {
            guard drain.isDraining else { return try await next(request, context) }
            var response = ReplyAPIError(
                status: .serviceUnavailable, code: "shutting_down",
                message: "the server is shutting down; try again shortly"
            ).response
            response.headers[.connection] = "close"
            response.headers[.retryAfter] = "5"
            return response
        }
    }
}
