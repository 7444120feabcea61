import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of the WebSocket upgrade route: Hummingbird's basics plus the connection's
/// channel, which the service closes at once when a client does not keep up.
struct ParleyWebSocketContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<Self>
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        channel = source.channel
    }
}
