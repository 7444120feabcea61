import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ParleyCore
import ParleyStore
import ParleyWorlds
import ServiceLifecycle
import Synchronization

/// Facebook Messenger as a chat service: the webhook at `/messenger/webhook` and the Graph API sender.
///
/// Each page-scoped id (PSID) is a person in the worlds (service `messenger`), connected on their
/// first message. Webhook posts are answered at once and processed after, in order; redelivered
/// events are recognised by their `mid` (a postback without one by a hash of it) in the store's
/// ``EventLedger``. A person silent for ``MessengerOptions/idleTimeout`` leaves the worlds
/// (checked as posts arrive, at most once per minute), so the people held stay bounded by those
/// recently active. Run it as a `Service` (``ParleyServer`` does) and add its routes with
/// ``addRoutes(to:)``.
public final class MessengerService: Service, Sendable {
    /// The service name the worlds see.
    public static let name = "messenger"
    /// The webhook's path.
    public static let webhookPath = "/messenger/webhook"

    /// How long handled event ids are kept: Facebook redelivers for hours at most.
    public static let eventRetention: TimeInterval = 7 * 24 * 3600

    private typealias Job = @Sendable () async -> Void

    let options: MessengerOptions
    private let runtime: WorldRuntime
    private let ledger: any EventLedger
    private let logger: Logger
    private let client: MessengerGraphClient
    private let signature: MessengerSignature?
    private let batches: AsyncStream<[MessengerEvent]>
    private let batchInput: AsyncStream<[MessengerEvent]>.Continuation
    private let jobs: AsyncStream<Job>
    private let jobInput: AsyncStream<Job>.Continuation
    private let people = Mutex<[String: MessengerPersonChannel]>([:])
    /// When each person last sent something, and when the silent ones were last looked for:
    /// used only by the one task that processes events.
    private let activity = Mutex<(lastSeen: [String: ContinuousClock.Instant], lastSweep: ContinuousClock.Instant)>(
        ([:], .now))

    /// Throws when a verify token or page token is missing, or the app secret is missing without
    /// `insecureDev` (then every post is accepted unsigned, and this is logged loudly).
    public init(options: MessengerOptions, runtime: WorldRuntime, ledger: any EventLedger, logger: Logger) throws(MessengerConfigError) {
        guard !options.verifyToken.isEmpty else {
            throw MessengerConfigError("Messenger needs a verify token: set \(MessengerSecrets.verifyTokenKey)")
        }
        guard !options.pageToken.isEmpty else {
            throw MessengerConfigError("Messenger needs a page access token: set \(MessengerSecrets.pageTokenKey)")
        }
        if let secret = options.appSecret, !secret.isEmpty {
            signature = MessengerSignature(appSecret: secret)
        } else if options.insecureDev {
            signature = nil
            logger.critical(
                "MESSENGER WEBHOOK IS INSECURE: no app secret, so unsigned posts are accepted (--insecure-dev). Never run this way in production."
            )
        } else {
            throw MessengerConfigError(
                "Messenger needs the app secret to check webhook signatures: set \(MessengerSecrets.appSecretKey) (or pass --insecure-dev for local development)"
            )
        }
        self.options = options
        self.runtime = runtime
        self.ledger = ledger
        self.logger = logger
        client = MessengerGraphClient(options: options)
        (batches, batchInput) = AsyncStream.makeStream()
        (jobs, jobInput) = AsyncStream.makeStream()
    }

    /// Forgets event ids older than ``eventRetention``, then processes webhook events and runs every
    /// person's sender until a graceful shutdown; the senders finish what the worlds queued before
    /// this returns.
    public func run() async throws {
        do {
            let forgotten = try await ledger.forgetEvents(olderThan: Date(timeIntervalSinceNow: -Self.eventRetention))
            logger.debug("Messenger forgot \(forgotten) old event ids")
        } catch {
            logger.error("Messenger could not forget old event ids: \(error)")
        }
        let (batches, jobs, jobInput) = (self.batches, self.jobs, self.jobInput)
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    for await batch in batches { await self.process(batch) }
                    await self.closeSenders()
                    jobInput.finish()
                }
                for await job in jobs { group.addTask { await job() } }
            }
        } onGracefulShutdown: {
            self.batchInput.finish()
        }
    }

    /// Adds `GET` (subscription check) and `POST` (events) `/messenger/webhook` to `router`.
    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get(RouterPath(stringLiteral: Self.webhookPath)) { request, _ -> Response in
            self.verifySubscription(request.uri.queryParameters)
        }
        router.post(RouterPath(stringLiteral: Self.webhookPath)) { request, context -> Response in
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let signatureHeader = HTTPField.Name("X-Hub-Signature-256").flatMap { request.headers[$0] }
            return self.accept(body: Data(body.readableBytesView), signature: signatureHeader)
        }
    }

    /// Facebook's subscription check: the challenge back when the mode and token match, else 403.
    func verifySubscription(_ query: Parameters) -> Response {
        guard query.get("hub.mode") == "subscribe", let token = query.get("hub.verify_token"),
            Self.constantTimeEqual(token, options.verifyToken), let challenge = query.get("hub.challenge")
        else {
            logger.warning("Messenger webhook verification refused")
            return Response(status: .forbidden)
        }
        return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: challenge)))
    }

    /// Checks a post's signature and queues its events; the answer does not wait for them.
    func accept(body: Data, signature header: String?) -> Response {
        if let signature, !signature.isValid(header: header, body: body) {
            logger.warning("Messenger webhook post refused: \(header == nil ? "no" : "a bad") X-Hub-Signature-256")
            return Response(status: .forbidden)
        }
        let events: [MessengerEvent]
        do {
            events = try MessengerEvent.events(in: JSONValue.parse(body), pageID: options.pageID)
        } catch {
            logger.warning("Messenger webhook post not understood: \(error)")
            return Response(
                status: .badRequest, body: ResponseBody(byteBuffer: ByteBuffer(string: "Messenger webhook: \(error)\n")))
        }
        batchInput.yield(events)
        return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "EVENT_RECEIVED")))
    }

    /// Hands a post's events to the worlds, in order, skipping redelivered ones.
    private func process(_ events: [MessengerEvent]) async {
        await forgetSilentPeople()
        for event in events {
            if let eventID = event.eventID, await !isFirstSighting(eventID) {
                logger.debug("Messenger event redelivered, skipped", metadata: ["event": "\(eventID)"])
                continue
            }
            let person = await person(psid: event.psid)
            activity.withLock { $0.lastSeen[event.psid] = .now }
            person.send(senderAction: "mark_seen")
            for message in event.messages { await runtime.receive(message, from: person.personID) }
        }
    }

    /// Records `eventID`; true when it is new. When the store fails the event is handled (rather twice than never).
    private func isFirstSighting(_ eventID: String) async -> Bool {
        do {
            return try await ledger.recordFirstSighting(service: Self.name, eventID: eventID, at: Date())
        } catch {
            logger.error(
                "Messenger event ledger failed; handling the event anyway", metadata: ["event": "\(eventID)", "error": "\(error)"])
            return true
        }
    }

    /// The person with this PSID, connected (and their sender started) on first use.
    private func person(psid: String) async -> MessengerPersonChannel {
        let (channel, isNew) = people.withLock { people in
            if let channel = people[psid] { return (channel, false) }
            let channel = MessengerPersonChannel(psid: psid)
            people[psid] = channel
            return (channel, true)
        }
        if isNew {
            let (client, logger) = (self.client, self.logger)
            jobInput.yield { await channel.run(client: client, logger: logger) }
            logger.debug("Messenger person connected", metadata: ["person": "\(channel.personID)"])
            await runtime.connect(personID: channel.personID, service: Self.name, channel: channel)
        }
        return channel
    }

    /// Disconnects the people silent for longer than the idle timeout; looks at most once a
    /// minute (or once per idle timeout, when that is shorter).
    private func forgetSilentPeople() async {
        let timeout = options.idleTimeout
        let now = ContinuousClock.now
        let silent: [String]? = activity.withLock { activity in
            guard now - activity.lastSweep >= min(timeout, .seconds(60)) else { return nil }
            activity.lastSweep = now
            let silent = activity.lastSeen.filter { now - $0.value > timeout }.map(\.key)
            for psid in silent { activity.lastSeen[psid] = nil }
            return silent
        }
        for psid in silent ?? [] {
            guard let channel = people.withLock({ $0.removeValue(forKey: psid) }) else { continue }
            logger.debug("Messenger person silent too long, disconnected", metadata: ["person": "\(channel.personID)"])
            await runtime.disconnect(personID: channel.personID)
            await channel.close()
        }
    }

    /// Ends every sender after what is queued (the runtime closed most of them already).
    private func closeSenders() async {
        for channel in people.withLock({ Array($0.values) }) { await channel.close() }
    }

    /// Compares two secrets without an early exit on the first difference.
    private static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let (a, b) = (Array(left.utf8), Array(right.utf8))
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<min(a.count, b.count) { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
