import Hummingbird
import NIOCore

/// The request context of Parley's HTTP routes: Hummingbird's basics plus the client's address
/// (which the reply API's rate limit uses when no keys are configured).
public struct ParleyRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's address: the connection's peer, or behind a trusted proxy the client that
    /// proxy names in `X-Forwarded-For`.
    public var remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
