import Foundation
import HummingbirdWebSocket
import Logging
import ParleyWorlds

/// One WebSocket connection: one person, frames in to the runtime in order, acts out in order.
actor WebSocketConnection {
    private let runtime: WorldRuntime
    private let sessions: SessionRegistry
    private let sink: ConnectionSink
    private let window: UnreadWindow
    /// The most bytes of messages kept for the person (``WebSocketOptions/maxQueuedBytes``).
    private let keptBytes: Int
    private let logger: Logger
    /// The person this connection carries, from their first message on.
    private var channel: WebSocketPersonChannel?
    /// The chat page's person key, when its first frame gave one: the person's id comes from it.
    private var personKey: String?

    init(
        runtime: WorldRuntime, sessions: SessionRegistry, sink: ConnectionSink, window: UnreadWindow,
        options: WebSocketOptions, logger: Logger
    ) {
        self.runtime = runtime
        self.sessions = sessions
        self.sink = sink
        self.window = window
        self.keptBytes = options.maxQueuedBytes
        self.logger = logger
    }

    /// Handles one client message, or tells the client why it was refused.
    func handle(_ received: Result<String, FrameError>) async {
        let frame: ClientFrame
        do {
            frame = try ClientFrame.decode(received.get())
        } catch {
            logger.debug("Refused a client message", metadata: ["reason": "\(error)"])
            sink.send(.notice(error.description, session: channel?.token))
            return
        }
        if channel == nil, let key = frame.personKey { personKey = key }
        if let request = frame.session {
            await handleSession(request, features: frame.features)
        }
        if let features = frame.features {
            await person().use(features: features)
        }
        if let acknowledged = frame.acknowledged, let channel, channel.acknowledges {
            channel.confirm(through: acknowledged)
        }
        if frame.isLeaving, let channel {
            channel.isLeaving = true
        }
        if let task = frame.task {
            await runtime.start(personID: person().personID, in: task)
        }
        if let typing = frame.typing, let channel {
            await runtime.typing(typing, from: channel.personID)
        }
        if frame.isControlOnly { return }
        let person = await person()
        guard let sequence = frame.sequence, person.acknowledges else {
            await runtime.receive(frame.message, from: person.personID, onSettled: window.hold())
            return
        }
        // Acknowledged once stored, without waiting here; sent again after a reconnect: taken once.
        if let acknowledge = person.accept(sequence) {
            let release = window.hold()
            await runtime.receive(frame.message, from: person.personID, number: sequence) {
                release()
                acknowledge()
            }
        }
    }

    /// The connection ended: the person leaves, or waits to be resumed when they have a session.
    func finish() async {
        sink.end()
        guard let channel else { return }
        switch channel.release(from: sink.id) {
        case .superseded:
            return
        case .closedByRuntime:
            if let token = channel.token {
                await sessions.forget(token)
            }
            await runtime.disconnect(personID: channel.personID)
        case .dropped:
            if let token = channel.token {
                await runtime.detach(personID: channel.personID, leaving: channel.isLeaving)
                await sessions.expire(token)
            } else {
                await runtime.disconnect(personID: channel.personID)
            }
        }
    }

    /// The person on this connection, connecting a new one on first use.
    private func person() async -> WebSocketPersonChannel {
        if let channel { return channel }
        let person = WebSocketPersonChannel(
            personID: personKey.map(PersonKey.personID(for:)) ?? UUID().uuidString, sink: sink, keptBytes: keptBytes)
        channel = person
        logger.debug("Person connected", metadata: ["person": "\(person.personID)"])
        await runtime.connect(personID: person.personID, service: WebSocketService.name, channel: person)
        return person
    }

    private func handleSession(_ request: SessionRequest, features: Set<String>?) async {
        switch request {
        case .new:
            let person = await person()
            if person.token == nil {
                _ = await sessions.issue(for: person)
            }
        case .resume(let token):
            if let channel {
                if channel.token != token {
                    sink.send(.notice(Self.lateResumeNotice, session: channel.token))
                }
                return
            }
            if await resume(token, features: features) { return }
            let person = await person()
            let newToken = await sessions.issue(for: person)
            sink.send(.notice(Self.unknownSessionNotice, session: newToken))
        }
    }

    /// Takes over the person a token belongs to (also one restored after a restart); false when the
    /// token or the person is gone.
    private func resume(_ token: String, features: Set<String>?) async -> Bool {
        var claimed = await sessions.claim(token)
        if claimed == nil { claimed = await restoredPerson(token, features: features) }
        guard let person = claimed else { return false }
        if let previous = person.attach(to: sink) {
            previous.send(.close(reason: Self.supersededReason))
            await runtime.detach(personID: person.personID)
        }
        channel = person
        person.isLeaving = false
        if await runtime.resume(personID: person.personID, channel: person) {
            logger.debug("Person resumed", metadata: ["person": "\(person.personID)"])
            // Tells an `ack` client where the server stands, so it sends again only what came after.
            if person.acknowledges { sink.send(.acknowledge(person.acknowledgedThrough)) }
            return true
        }
        _ = person.release(from: sink.id)
        channel = nil
        await sessions.forget(token)
        return false
    }

    /// The channel of a person a restored world waits for under `token`, with the client's
    /// features on before what was held for them is sent again.
    private func restoredPerson(_ token: String, features: Set<String>?) async -> WebSocketPersonChannel? {
        guard let session = await runtime.restoredSession(resumeKey: SessionToken.digest(token)) else { return nil }
        let person = WebSocketPersonChannel(restoring: session, token: token, keptBytes: keptBytes)
        if let features { person.use(features: features) }
        await sessions.adopt(token, for: person)
        logger.debug("Person of a restored world back", metadata: ["person": "\(session.personID)"])
        return person
    }

    static let unknownSessionNotice =
        "Your session is unknown or has expired, so this is a new conversation. Your new session token is in the session field."
    static let lateResumeNotice =
        "A session token resumes a conversation only in a connection's first message; this connection keeps its own."
    static let supersededReason = "Your session was resumed on another connection."
}
