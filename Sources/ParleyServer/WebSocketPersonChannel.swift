import ParleyWorlds
import Synchronization

/// A person on the WebSocket service, as the worlds see them.
///
/// It outlives a connection: a session client that reconnects gets the same channel back, and every
/// message not yet written to the old socket is sent again on the new one, in order. For clients
/// that asked for `ack`, a message is kept until the client acknowledges it rather than until it is
/// written, so a frame lost with a dying socket is sent again too; the client drops numbers it has.
final class WebSocketPersonChannel: PersonChannel {
    /// How a connection ended for the person it carried.
    enum Release: Equatable {
        /// The runtime closed the channel: the person left or the server is shutting down.
        case closedByRuntime
        /// The socket went away while the person was still in the worlds.
        case dropped
        /// Another connection took the person over; nothing to do.
        case superseded
    }

    private struct State {
        var sink: ConnectionSink?
        var unconfirmed: [(sequence: Int, message: Message, bytes: Int)] = []
        /// The bytes of the unconfirmed messages' texts and payloads.
        var unconfirmedBytes = 0
        var lastSequence = 0
        var closedByRuntime = false
        var token: String?
        /// Whether the client asked for typing frames.
        var showsTyping = false
        /// Whether the client asked for numbered, acknowledged messages.
        var acknowledges = false
        /// Whether the client asked for rich frames (speakers, titled quick replies, statuses).
        var isRich = false
        /// Whether the client said it is closing (`leave`).
        var isLeaving = false
        /// The highest number of a client message taken so far.
        var lastReceived = 0
        /// The client messages taken and not yet acknowledged.
        var awaitingAcknowledgement = AcknowledgementQueue()
        /// Counts attachments, so that a session timer can tell whether the person came back since.
        var generation = 0
        /// For a person restored after a restart: the number of the last message the saved world
        /// held for them, after which an `ack` client is told that the numbering goes on from there.
        var renumberAfter: Int?
    }

    let personID: String
    /// The most bytes of messages kept for the person.
    private let keptBytes: Int
    private let state: Mutex<State>

    init(personID: String, sink: ConnectionSink, keptBytes: Int = 1024 * 1024) {
        self.personID = personID
        self.keptBytes = keptBytes
        self.state = Mutex(State(sink: sink))
    }

    /// The channel of a person restored after a restart, numbered on from where the server that
    /// restarted left off. It is attached to no connection yet.
    init(restoring session: RestoredSession, token: String, keptBytes: Int) {
        personID = session.personID
        self.keptBytes = keptBytes
        let received = session.received ?? 0
        state = Mutex(
            State(
                lastSequence: session.delivered, token: token, lastReceived: received,
                awaitingAcknowledgement: AcknowledgementQueue(acknowledged: received), renumberAfter: session.saved))
    }

    /// The session token, once the client asked for one.
    var token: String? {
        get { state.withLock { $0.token } }
        set { state.withLock { $0.token = newValue } }
    }

    /// The token's digest: a restored world finds the person by it after a restart.
    var resumeKey: String? {
        token.map(SessionToken.digest)
    }

    /// The most messages kept for the person; older ones are dropped, and a connected `ack` client
    /// that lets more wait unacknowledged is closed with code 1008.
    static let keptLimit = 1_000

    /// Turns on the extensions the client listed in its `features`: `typing`, `ack` and `rich`.
    func use(features: Set<String>) {
        state.withLock { state in
            state.showsTyping = features.contains("typing")
            state.acknowledges = features.contains("ack")
            state.isRich = features.contains("rich")
        }
    }

    /// Whether messages are numbered and kept until the client acknowledges them.
    var acknowledges: Bool { state.withLock { $0.acknowledges } }

    /// The number of the last client message done with, and every one before it.
    var acknowledgedThrough: Int { state.withLock { $0.awaitingAcknowledgement.acknowledged } }

    /// Whether frames carry speakers and titled quick replies, and statuses are sent.
    var isRich: Bool { state.withLock { $0.isRich } }

    /// Whether the client said it is closing; a new connection that resumes the person clears it.
    var isLeaving: Bool {
        get { state.withLock { $0.isLeaving } }
        set { state.withLock { $0.isLeaving = newValue } }
    }

    /// Increases on every attachment to a connection.
    var generation: Int { state.withLock { $0.generation } }

    /// True while a connection carries the person.
    var isAttached: Bool { state.withLock { $0.sink != nil } }

    func deliver(_ message: Message) async {
        state.withLock { state in
            state.lastSequence += 1
            let bytes = message.byteCount
            state.unconfirmed.append((state.lastSequence, message, bytes))
            state.unconfirmedBytes += bytes
            var dropped = 0
            while state.unconfirmed.count - dropped > Self.keptLimit || state.unconfirmedBytes > keptBytes {
                state.unconfirmedBytes -= state.unconfirmed[dropped].bytes
                dropped += 1
            }
            state.unconfirmed.removeFirst(dropped)
            if dropped > 0, state.acknowledges, let sink = state.sink {
                sink.abandon(because: "it left more than \(Self.keptLimit) messages or \(keptBytes) bytes unacknowledged")
                return
            }
            state.sink?.send(.message(message, sequence: state.lastSequence, channel: self))
            Self.renumberIfDue(&state)
        }
    }

    /// For a person restored after a restart, once the messages the saved world held for them are
    /// sent again: tells an `ack` client that later messages are new, whatever numbers it saw (the
    /// server that stopped may have sent messages it had not saved).
    private static func renumberIfDue(_ state: inout State) {
        guard let after = state.renumberAfter, state.lastSequence >= after, let sink = state.sink else { return }
        state.renumberAfter = nil
        if state.acknowledges { sink.send(.renumber(after)) }
    }

    /// Sends a typing frame to clients that asked for them; ParlAI's clients get none. Typing frames
    /// are not kept for a reconnecting client: they are stale by then.
    func showTyping(_ isTyping: Bool) async {
        state.withLock { state in
            guard state.showsTyping else { return }
            state.sink?.send(.typing(isTyping))
        }
    }

    /// Sends a status frame to clients that asked for rich frames; like typing, it is not kept for
    /// a reconnecting client.
    func show(_ status: PersonStatus) async {
        state.withLock { state in
            guard state.isRich else { return }
            state.sink?.send(.status(status))
        }
    }

    /// Closes with code 1001 (going away): the runtime closes channels only as the server stops or
    /// the person's data is erased, and the chat page reconnects after it.
    func close() async {
        state.withLock { state in
            state.closedByRuntime = true
            state.sink?.send(Self.closing)
        }
    }

    private static let closing = OutboundFrame.close(.goingAway, reason: "The server closed this conversation.")

    /// Forgets the messages up to `sequence`: written to a client that does not acknowledge, or
    /// acknowledged by one that does.
    func confirm(through sequence: Int) {
        state.withLock { state in
            let count = state.unconfirmed.prefix { $0.sequence <= sequence }.count
            state.unconfirmedBytes -= state.unconfirmed.prefix(count).reduce(0) { $0 + $1.bytes }
            state.unconfirmed.removeFirst(count)
        }
    }

    /// Takes the client's message number `sequence` once, and returns what to call when the runtime
    /// is done with it: that acknowledges it, on whatever connection then carries the person, once
    /// every earlier message is done too. Nil when a message with that number or a later one was
    /// taken already (the client sent it again after a reconnect): that is acknowledged once the
    /// original is.
    func accept(_ sequence: Int) -> (@Sendable () -> Void)? {
        state.withLock { state in
            guard sequence > state.lastReceived else {
                if sequence <= state.awaitingAcknowledgement.acknowledged {
                    state.sink?.send(.acknowledge(sequence))
                }
                return nil
            }
            state.lastReceived = sequence
            state.awaitingAcknowledgement.append(sequence)
            return { self.settle(sequence) }
        }
    }

    /// The runtime is done with the client's message `sequence`.
    private func settle(_ sequence: Int) {
        state.withLock { state in
            guard let acknowledged = state.awaitingAcknowledgement.settle(sequence) else { return }
            state.sink?.send(.acknowledge(acknowledged))
        }
    }

    /// Moves the person onto a connection: unwritten messages are sent there first.
    /// Returns the connection that carried the person until now, if it is still open.
    func attach(to sink: ConnectionSink) -> ConnectionSink? {
        state.withLock { state in
            let previous = state.sink
            state.sink = sink
            state.generation += 1

            for (sequence, message, _) in state.unconfirmed {
                sink.send(.message(message, sequence: sequence, channel: self))
            }
            Self.renumberIfDue(&state)
            if state.closedByRuntime {
                sink.send(Self.closing)
            }
            return previous
        }
    }

    /// The connection `sinkID` ended; says what that means for the person.
    func release(from sinkID: Int) -> Release {
        state.withLock { state in
            guard state.sink?.id == sinkID else { return .superseded }
            state.sink = nil
            return state.closedByRuntime ? .closedByRuntime : .dropped
        }
    }
}
