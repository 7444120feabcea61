import Foundation
import Hummingbird
import NIOCore

/// Behind a trusted proxy (`--trusted-proxy`), takes the client's address from `X-Forwarded-For`:
/// the rightmost address there that is not itself a trusted proxy. Requests from anywhere else
/// keep their peer's address, whatever they claim.
struct ForwardedClient: RouterMiddleware {
    typealias Context = ParleyRequestContext

    let trustedProxies: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard !trustedProxies.isEmpty, let peer = context.remoteAddress?.ipAddress, trustedProxies.contains(peer)
        else { return try await next(request, context) }
        let hops = request.headers[values: .init("X-Forwarded-For")!]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var context = context
        for hop in hops.reversed() where !trustedProxies.contains(hop) {
            if let address = try? SocketAddress(ipAddress: hop, port: 0) { context.remoteAddress = address }
            break
        }
        return try await next(request, context)
    }
}
