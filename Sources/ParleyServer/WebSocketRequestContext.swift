import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of the WebSocket route: Hummingbird's WebSocket basics plus the channel,
/// which the service closes when a client does not answer the server's close frame in time.
struct WebSocketRequestContext: RequestContext, HummingbirdWebSocket.WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<Self>
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        channel = source.channel
    }
}
