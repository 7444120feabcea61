import Foundation
import Logging
import ParleyStore
import Synchronization

/// The people of one chat service that reaches them by posting (a webhook or polling service such
/// as Messenger, Telegram or Slack), and the runtime they talk to.
///
/// A service hands it what people send with ``receive(_:from:)``; each address (a user, a chat)
/// is one person, connected to the runtime on first use and disconnected after ``idleTimeout``
/// of silence. What the worlds send each person is queued and passed to `send` one at a time, in
/// order, by that person's own sender, so one slow chat never holds up another. Work given to
/// ``enqueue(_:)`` runs one item at a time in order: services queue each webhook post's events
/// there after answering the post. ``isFirstSighting(_:)`` remembers handled event ids in the
/// store, so a redelivered event is handled once, across restarts.
///
/// Run it with ``run()`` inside the service's own `run()`; ``finish()`` stops taking work, lets
/// the queued work and senders finish, and then `run()` returns (cancel it to stop sooner).
public final class ServicePeople: Sendable {
    /// Sends one outgoing thing to the person at an address, with the service's own retries;
    /// false when it could not be delivered (counted at `/metrics`).
    public typealias Send = @Sendable (_ address: String, _ outgoing: ServiceOutgoing) async -> Bool

    /// The service's name, as the worlds and the transcripts see it.
    public let service: String
    /// How long a person may stay silent before they leave the worlds (and are forgotten); their
    /// next message starts again at the overworld.
    public let idleTimeout: Duration
    private let runtime: WorldRuntime
    private let ledger: (any EventLedger)?
    private let logger: Logger
    private let send: Send
    private let work: AsyncStream<@Sendable () async -> Void>
    private let workInput: AsyncStream<@Sendable () async -> Void>.Continuation
    private let senders: AsyncStream<@Sendable () async -> Void>
    private let senderInput: AsyncStream<@Sendable () async -> Void>.Continuation

    private struct Member {
        let channel: QueuedPersonChannel
        var lastSeen: ContinuousClock.Instant
    }

    private struct State {
        var members: [String: Member] = [:]
        var lastSweep = ContinuousClock.now
        var events = 0
        var duplicates = 0
        var sendFailures = 0
    }

    private let state = Mutex(State())

    public init(
        service: String, runtime: WorldRuntime, ledger: (any EventLedger)?, idleTimeout: Duration = .seconds(3600),
        logger: Logger, send: @escaping Send
    ) {
        self.service = service
        self.runtime = runtime
        self.ledger = ledger
        self.idleTimeout = idleTimeout
        self.logger = logger
        self.send = send
        (work, workInput) = AsyncStream.makeStream()
        (senders, senderInput) = AsyncStream.makeStream()
    }

    /// The runtime's person id for an address: `{service}-{address}`.
    public func personID(for address: String) -> String {
        "\(service)-\(address)"
    }

    /// The people held now.
    public var count: Int {
        state.withLock { $0.members.count }
    }

    /// Queues `job` to run after everything queued before it.
    public func enqueue(_ job: @escaping @Sendable () async -> Void) {
        workInput.yield(job)
    }

    /// Records a service's event id as handled; true when it is new. When the store fails the
    /// event is handled anyway (rather twice than never), and the failure is logged.
    public func isFirstSighting(_ eventID: String) async -> Bool {
        guard let ledger else { return true }
        let isNew: Bool
        do {
            isNew = try await ledger.recordFirstSighting(service: service, eventID: eventID, at: Date())
        } catch {
            logger.error("\(service): the event ledger failed; handling the event anyway", metadata: ["event": "\(eventID)", "error": "\(error)"])
            isNew = true
        }
        state.withLock { state in
            if isNew { state.events += 1 } else { state.duplicates += 1 }
        }
        if !isNew { logger.debug("\(service): event seen before, skipped", metadata: ["event": "\(eventID)"]) }
        return isNew
    }

    /// Hands what the person at `address` sent to the worlds, connecting them first when new.
    public func receive(_ messages: [Message], from address: String) async {
        await forgetSilentPeople()
        let (channel, isNew) = member(address)
        if isNew {
            logger.debug("\(service): person connected", metadata: ["person": "\(channel.personID)"])
            await runtime.connect(personID: channel.personID, service: service, channel: channel)
        }
        for message in messages { await runtime.receive(message, from: channel.personID) }
    }

    /// Queues something of the service's own for the person at `address`, in order with what the
    /// worlds send them; nothing when the person is not held.
    public func post(_ outgoing: ServiceOutgoing, to address: String) {
        state.withLock { $0.members[address]?.channel }?.enqueue(outgoing)
    }

    /// Runs queued work and every person's sender until ``finish()`` (then what is queued is sent
    /// before this returns) or cancellation.
    public func run() async {
        let (work, senders, senderInput) = (self.work, self.senders, self.senderInput)
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await job in work { await job() }
                for channel in self.state.withLock({ $0.members.values.map(\.channel) }) { channel.finish() }
                senderInput.finish()
            }
            for await sender in senders { group.addTask { await sender() } }
        }
    }

    /// Stops taking work; ``run()`` returns once the queued work is done and the senders are idle.
    public func finish() {
        workInput.finish()
    }

    /// Things still queued for people, in all.
    public var queuedOutgoing: Int {
        state.withLock { $0.members.values.reduce(0) { $0 + $1.channel.queued } }
    }

    /// People held, events handled and skipped as seen before, and sends that failed, labelled
    /// with the service's name.
    public func metrics() -> [ServiceMetric] {
        let (people, events, duplicates, failures) = state.withLock {
            ($0.members.count, $0.events, $0.duplicates, $0.sendFailures)
        }
        let labels = ["service": service]
        return [
            ServiceMetric(name: "parley_service_people", help: "People a chat service holds now.", kind: .gauge, labels: labels, value: people),
            ServiceMetric(
                name: "parley_service_events_total", help: "Events a chat service handled.", kind: .counter, labels: labels, value: events),
            ServiceMetric(
                name: "parley_service_duplicate_events_total", help: "Events a chat service skipped as seen before.", kind: .counter,
                labels: labels, value: duplicates),
            ServiceMetric(
                name: "parley_service_send_failures_total", help: "Messages a chat service could not deliver.", kind: .counter,
                labels: labels, value: failures),
        ]
    }

    private func member(_ address: String) -> (QueuedPersonChannel, Bool) {
        let now = ContinuousClock.now
        let (channel, isNew) = state.withLock { state -> (QueuedPersonChannel, Bool) in
            if let member = state.members[address] {
                state.members[address]?.lastSeen = now
                return (member.channel, false)
            }
            let channel = QueuedPersonChannel(address: address, personID: personID(for: address))
            state.members[address] = Member(channel: channel, lastSeen: now)
            return (channel, true)
        }
        if isNew {
            let send = self.send
            senderInput.yield {
                await channel.run { address, outgoing in
                    if await !send(address, outgoing) { self.state.withLock { $0.sendFailures += 1 } }
                }
            }
        }
        return (channel, isNew)
    }

    /// Disconnects the people silent for longer than the idle timeout; looks at most once a
    /// minute (or once per idle timeout, when that is shorter).
    private func forgetSilentPeople() async {
        let now = ContinuousClock.now
        let timeout = idleTimeout
        let silent: [QueuedPersonChannel] = state.withLock { state in
            guard now - state.lastSweep >= min(timeout, .seconds(60)) else { return [] }
            state.lastSweep = now
            let silent = state.members.filter { now - $0.value.lastSeen > timeout }
            for address in silent.keys { state.members[address] = nil }
            return silent.values.map(\.channel)
        }
        for channel in silent {
            logger.debug("\(service): person silent too long, disconnected", metadata: ["person": "\(channel.personID)"])
            await runtime.disconnect(personID: channel.personID)
            channel.finish()
        }
    }
}
