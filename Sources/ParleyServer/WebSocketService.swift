import HummingbirdWebSocket
import Logging
import NIOCore
import ParleyWorlds
import Synchronization

/// The WebSocket chat service: ParlAI's `/websocket` protocol, one person per connection.
final class WebSocketService: Sendable {
    /// The service name the worlds see.
    static let name = "websocket"

    let runtime: WorldRuntime
    let sessions: SessionRegistry
    let options: WebSocketOptions
    let budget: QueueBudget
    private let connectionCount = Atomic<Int>(0)

    init(runtime: WorldRuntime, options: WebSocketOptions, budget: QueueBudget) {
        self.runtime = runtime
        self.options = options
        self.budget = budget
        self.sessions = SessionRegistry(resumeWindow: options.resumeWindow)
    }

    /// Serves one upgraded connection until either side closes it. The connection's own task reads;
    /// frames out are written by a task that runs only while there are some.
    func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, channel: any Channel, logger: Logger) async {
        let id = connectionCount.add(1, ordering: .relaxed).newValue
        let window = UnreadWindow(limit: options.maxUnreadMessages)
        channel.closeFuture.whenComplete { _ in window.close() }
        let sink = ConnectionSink(
            id: id, outbound: outbound, channel: channel, options: options, budget: budget, window: window,
            logger: logger)
        let connection = WebSocketConnection(
            runtime: runtime, sessions: sessions, sink: sink, window: window, options: options, logger: logger)
        var assembler = MessageAssembler(limit: options.maxMessageSize)
        var pace = MessagePace(rate: options.messagesPerSecond, burst: options.messageBurst)
        var isClosing = false
        do {
            // After the server's close frame, reading goes on (taking nothing) until the client's.
            for try await frame in inbound where !isClosing {
                guard let message = assembler.add(frame) else { continue }
                if case .failure(.invalidUTF8) = message {
                    // RFC 6455 section 8.1: a text message that is not UTF-8 fails the connection.
                    sink.send(.close(.dataInconsistentWithMessage, reason: "invalid UTF-8"))
                    isClosing = true
                    continue
                }
                await connection.handle(message)
                // Back-pressure: the next frame is read once the worlds have room for it, and no
                // faster than the connection's pace.
                await window.waitForRoom()
                if let pause = pace.take() { try? await Task.sleep(for: pause) }
            }
        } catch {
            logger.debug("WebSocket read failed", metadata: ["error": "\(error)"])
        }
        await connection.finish()
    }
}
