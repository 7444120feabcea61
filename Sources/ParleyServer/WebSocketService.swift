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

    /// Serves one upgraded connection until either side closes it.
    func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, logger: Logger) async {
        let id = connectionCount.add(1, ordering: .relaxed).newValue
        let (frames, continuation) = AsyncStream.makeStream(of: OutboundFrame.self)
        let connection = WebSocketConnection(id: id, runtime: runtime, sessions: sessions, continuation: continuation, logger: logger)
        let limit = options.maxMessageSize
        let readEnd = ReadEnd()
        // The reader is the one child task and the writer runs here: a connection costs one task less.
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                var assembler = MessageAssembler(limit: limit)
                do {
                    for try await frame in inbound {
                        if let message = assembler.add(frame) {
                            await connection.handle(message)
                        }
                    }
                } catch {
                    logger.debug("WebSocket read failed", metadata: ["error": "\(error)"])
                }
                // Whichever side ends first ends the connection: the writer stops before its next frame.
                readEnd.ended.store(true, ordering: .releasing)
                continuation.finish()
            }
            do {
                try await Self.write(frames, to: outbound, until: readEnd)
            } catch {
                logger.debug("WebSocket write failed", metadata: ["error": "\(error)"])
            }
            group.cancelAll()
        }
        await connection.finish()
    }

    /// Writes the connection's frames in order until a close is asked for or the reading side ends.
    private static func write(
        _ frames: AsyncStream<OutboundFrame>, to outbound: WebSocketOutboundWriter, until readEnd: ReadEnd
    ) async throws {
        for await frame in frames {
            if readEnd.ended.load(ordering: .acquiring) { return }
            switch frame {
            case .message(let message, let sequence, let channel):
                let acknowledges = channel.acknowledges
                let frame = ServerFrame(message, session: channel.token, sequence: acknowledges ? sequence : nil)
                try await outbound.writeTextMessage(frame.jsonText)
                if !acknowledges {
                    channel.confirm(through: sequence)
                }
            case .notice(let text, let session):
                try await outbound.writeTextMessage(ServerFrame(text: text, session: session).jsonText)
            case .typing(let isTyping):
                try await outbound.writeTextMessage(isTyping ? #"{"typing":true}"# : #"{"typing":false}"#)
            case .acknowledge(let sequence):
                try await outbound.writeTextMessage(#"{"ack":\#(sequence)}"#)
            case .close(let reason):
                try await outbound.close(.normalClosure, reason: reason)
                return
            }
        }
    }

    /// Set once a connection's reading side has ended; frames not yet written are then dropped.
    private final class ReadEnd: Sendable {
        let ended = Atomic<Bool>(false)
    }
}
