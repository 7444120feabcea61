import HummingbirdWebSocket
import Logging
import Synchronization

/// The ordered outbox of one WebSocket connection: everything it sends goes through here.
///
/// Frames are written in order by a task that runs only while frames wait, so an idle connection
/// holds no writer task. After the server's close frame, Hummingbird ends the connection's read.
final class ConnectionSink: Sendable {
    /// Tells connections apart, so that a person's channel knows which one it is attached to.
    let id: Int
    private let outbound: WebSocketOutboundWriter
    private let logger: Logger

    private struct State {
        var pending: [OutboundFrame] = []
        var isWriting = false
        /// Set when the read side ended or the connection is closing: later frames are dropped.
        var isEnded = false
    }

    private let state = Mutex(State())

    init(id: Int, outbound: WebSocketOutboundWriter, logger: Logger) {
        self.id = id
        self.outbound = outbound
        self.logger = logger
    }

    /// Queues a frame; it is written after every frame queued before it.
    func send(_ frame: OutboundFrame) {
        let startWriting = state.withLock { state in
            guard !state.isEnded else { return false }
            state.pending.append(frame)
            guard !state.isWriting else { return false }
            state.isWriting = true
            return true
        }
        if startWriting {
            Task.detached { await self.writePending() }
        }
    }

    /// The connection is over: frames not yet written are dropped (the person's channel keeps its
    /// messages for a client that resumes).
    func end() {
        state.withLock { state in
            state.isEnded = true
            state.pending.removeAll()
        }
    }

    private func writePending() async {
        while let frame = nextFrame() {
            do {
                try await write(frame)
            } catch {
                logger.debug("WebSocket write failed", metadata: ["error": "\(error)"])
                end()
            }
        }
    }

    private func write(_ frame: OutboundFrame) async throws {
        switch frame {
        case .message(let message, let sequence, let person):
            let acknowledges = person.acknowledges
            let frame = ServerFrame(message, session: person.token, sequence: acknowledges ? sequence : nil)
            try await outbound.writeTextMessage(frame.jsonText)
            if !acknowledges {
                person.confirm(through: sequence)
            }
        case .notice(let text, let session):
            try await outbound.writeTextMessage(ServerFrame(text: text, session: session).jsonText)
        case .typing(let isTyping):
            try await outbound.writeTextMessage(isTyping ? #"{"typing":true}"# : #"{"typing":false}"#)
        case .acknowledge(let sequence):
            try await outbound.writeTextMessage(#"{"ack":\#(sequence)}"#)
        case .close(let reason):
            end()
            try await outbound.close(.normalClosure, reason: reason)
        }
    }

    /// The next frame to write; nil (and the writer stops) when none waits or the connection ended.
    private func nextFrame() -> OutboundFrame? {
        state.withLock { state in
            guard !state.isEnded, !state.pending.isEmpty else {
                state.isWriting = false
                return nil
            }
            return state.pending.removeFirst()
        }
    }
}
