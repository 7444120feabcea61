import HummingbirdWebSocket
import Logging
import ParleyWorlds
import Synchronization

/// The WebSocket chat service: ParlAI's `/websocket` protocol, one person per connection.
final class WebSocketService: Sendable {
    /// The service name the worlds see.
    static let name = "websocket"

    let runtime: WorldRuntime
    let sessions: SessionRegistry
    let options: WebSocketOptions
    private let connectionCount = Atomic<Int>(0)

    init(runtime: WorldRuntime, options: WebSocketOptions) {
        self.runtime = runtime
        self.options = options
        self.sessions = SessionRegistry(resumeWindow: options.resumeWindow)
    }

    /// Serves one upgraded connection until either side closes it. The connection's own task reads;
    /// frames out are written by a task that runs only while there are some.
    func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, logger: Logger) async {
        let id = connectionCount.add(1, ordering: .relaxed).newValue
        let sink = ConnectionSink(id: id, outbound: outbound, logger: logger)
        let connection = WebSocketConnection(runtime: runtime, sessions: sessions, sink: sink, logger: logger)
        var assembler = MessageAssembler(limit: options.maxMessageSize)
        do {
            for try await frame in inbound {
                if let message = assembler.add(frame) {
                    await connection.handle(message)
                }
            }
        } catch {
            logger.debug("WebSocket read failed", metadata: ["error": "\(error)"])
        }
        await connection.finish()
    }
}
