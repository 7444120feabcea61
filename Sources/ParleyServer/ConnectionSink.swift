import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import Synchronization

/// The ordered outbox of one WebSocket connection: everything it sends goes through here.
///
/// Frames are written in order by a task that runs only while frames wait, so an idle connection
/// holds no writer task. After the server's close frame, Hummingbird ends the connection's read.
///
/// The queue is bounded by frames and bytes (and the server's ``QueueBudget``): a client that falls
/// further behind, or whose socket takes no frame for `writeTimeout`, is closed with code 1008.
final class ConnectionSink: Sendable {
    /// Tells connections apart, so that a person's channel knows which one it is attached to.
    let id: Int
    private let outbound: WebSocketOutboundWriter
    private let channel: any Channel
    private let options: WebSocketOptions
    private let budget: QueueBudget
    /// Reopened for reading when the connection ends or closes, so the close handshake is read.
    private let window: UnreadWindow
    private let logger: Logger

    private struct State {
        var pending: [(frame: OutboundFrame, bytes: Int)] = []
        var pendingBytes = 0
        var isWriting = false
        /// Set when the read side ended or the connection is closing: later frames are dropped.
        var isEnded = false
    }

    private let state = Mutex(State())

    init(
        id: Int, outbound: WebSocketOutboundWriter, channel: any Channel, options: WebSocketOptions,
        budget: QueueBudget, window: UnreadWindow, logger: Logger
    ) {
        self.id = id
        self.outbound = outbound
        self.channel = channel
        self.options = options
        self.budget = budget
        self.window = window
        self.logger = logger
    }

    /// Queues a frame; it is written after every frame queued before it. A frame that would pass a
    /// bound closes the connection instead.
    func send(_ frame: OutboundFrame) {
        let bytes = frame.byteCount
        enum Outcome { case queued, startWriting, ended, overflowed(String) }
        let outcome: Outcome = state.withLock { state in
            guard !state.isEnded else { return .ended }
            let problem: String? =
                if state.pending.count >= options.maxQueuedFrames {
                    "more than \(options.maxQueuedFrames) frames wait to be written"
                } else if state.pendingBytes + bytes > options.maxQueuedBytes {
                    "more than \(options.maxQueuedBytes) bytes wait to be written"
                } else if !budget.take(bytes) {
                    "the server's outgoing queues hold their limit of \(budget.limit) bytes"
                } else {
                    nil
                }
            if let problem {
                // Ended at once, so that only this frame's sender closes the connection.
                Self.end(&state, budget: budget)
                return .overflowed(problem)
            }
            state.pending.append((frame, bytes))
            state.pendingBytes += bytes
            guard !state.isWriting else { return .queued }
            state.isWriting = true
            return .startWriting
        }
        switch outcome {
        case .queued, .ended:
            break
        case .startWriting:
            Task.detached { await self.writePending() }
        case .overflowed(let problem):
            abandon(because: "the client reads too slowly: \(problem)")
        }
    }

    /// The connection is over: frames not yet written are dropped (the person's channel keeps its
    /// messages for a client that resumes).
    func end() {
        state.withLock { Self.end(&$0, budget: budget) }
        window.close()
    }

    /// Closes a client that does not keep up: a close frame with code 1008 (policy violation) is
    /// written ahead of everything queued, and the socket is closed once it is out or after the close
    /// timeout, whichever comes first.
    func abandon(because reason: String) {
        end()
        logger.notice(
            "closing a WebSocket client that does not keep up",
            metadata: ["client": "\(channel.remoteAddress?.description ?? "unknown")", "reason": "\(reason)"])
        var data = channel.allocator.buffer(capacity: 2 + Self.abandonReason.utf8.count)
        data.write(webSocketErrorCode: .policyViolation)
        data.writeString(Self.abandonReason)
        let channel = self.channel
        channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: data)).whenComplete { _ in
            channel.close(promise: nil)
        }
        closeAfterTimeout()
    }

    /// Closes the socket `closeTimeout` after the frames written so far went out: the timer is set
    /// by a task on the channel's event loop queued behind their writes, so a busy loop cannot
    /// close the socket before a close frame it was handed has been sent.
    private func closeAfterTimeout() {
        let (channel, timeout) = (self.channel, options.closeTimeout)
        channel.eventLoop.execute {
            channel.eventLoop.scheduleTask(in: .init(timeout)) { channel.close(promise: nil) }
        }
    }

    /// The reason sent in the close frame of a client that does not keep up.
    static let abandonReason = "too far behind"

    private static func end(_ state: inout State, budget: QueueBudget) {
        state.isEnded = true
        state.pending.removeAll()
        budget.give(state.pendingBytes)
        state.pendingBytes = 0
    }

    private func writePending() async {
        while let frame = nextFrame() {
            let timeout = options.writeTimeout
            let timer = channel.eventLoop.scheduleTask(in: .init(timeout)) { [self] in
                abandon(because: "its socket took no frame for \(timeout)")
            }
            do {
                try await write(frame)
            } catch {
                logger.debug("WebSocket write failed", metadata: ["error": "\(error)"])
                end()
            }
            timer.cancel()
        }
    }

    private func write(_ frame: OutboundFrame) async throws {
        switch frame {
        case .message(let message, let sequence, let person):
            let acknowledges = person.acknowledges
            let frame = ServerFrame(message, session: person.token, sequence: acknowledges ? sequence : nil, rich: person.isRich)
            try await outbound.writeTextMessage(frame.jsonText)
            if !acknowledges {
                person.confirm(through: sequence)
            }
        case .notice(let text, let session):
            try await outbound.writeTextMessage(ServerFrame(text: text, session: session).jsonText)
        case .typing(let isTyping):
            try await outbound.writeTextMessage(isTyping ? #"{"typing":true}"# : #"{"typing":false}"#)
        case .status(let status):
            try await outbound.writeTextMessage(ServerFrame.statusText(status))
        case .acknowledge(let sequence):
            try await outbound.writeTextMessage(#"{"ack":\#(sequence)}"#)
        case .renumber(let sequence):
            try await outbound.writeTextMessage(#"{"renumbered":\#(sequence)}"#)
        case .close(let code, let reason):
            end()
            try await outbound.close(code, reason: reason)
            // A client that does not answer the close frame in time is disconnected.
            closeAfterTimeout()
        }
    }

    /// The next frame to write; nil (and the writer stops) when none waits or the connection ended.
    private func nextFrame() -> OutboundFrame? {
        state.withLock { state in
            guard !state.isEnded, !state.pending.isEmpty else {
                state.isWriting = false
                return nil
            }
            let (frame, bytes) = state.pending.removeFirst()
            state.pendingBytes -= bytes
            budget.give(bytes)
            return frame
        }
    }
}
