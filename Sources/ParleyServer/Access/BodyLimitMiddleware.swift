import Hummingbird

/// Refuses a request body over 256 KiB on every route with `413 body_too_large`, before any
/// handler runs; the studio's API (`/studio/api/`) reads its own larger bodies once the admin key
/// is checked.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard !request.uri.path.hasPrefix("/studio/api/") else { return try await next(request, context) }
        var request = request
        do {
            _ = try await request.collectLimitedBody()
        } catch let error as ReplyAPIError {
            return error.response
        }
        return try await next(request, context)
    }
}
