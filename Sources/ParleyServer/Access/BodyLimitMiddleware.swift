import Hummingbird

/// Refuses a request body over 256 KiB on every route with `413 body_too_large`, before any
/// handler runs.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var request = request
        do {
            _ = try await request.collectLimitedBody()
        } catch let error as ReplyAPIError {
            return error.response
        }
        return try await next(request, context)
    }
}
