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
/// ``EventLedger``. A person silent for ``MessengerOptions/idleTimeout`` leaves the worlds, so the
/// people held stay bounded by those recently active. Events for another page than the
/// configured one are dropped, with a warning once per page.
public final class MessengerService: ChatService {
    /// The service name the worlds see.
    public static let name = "messenger"
    /// The webhook's path.
    public static let webhookPath = "/messenger/webhook"

    /// How long handled event ids are kept: Facebook redelivers for hours at most.
    public static let eventRetention: TimeInterval = 7 * 24 * 3600

    /// The secrets' keys: the app secret that signs webhook posts, the token Facebook echoes when
    /// it checks the webhook, and the page access token that sends messages.
    public static let appSecretKey = "PARLEY_MESSENGER_APP_SECRET"
    public static let verifyTokenKey = "PARLEY_MESSENGER_VERIFY_TOKEN"
    public static let pageTokenKey = "PARLEY_MESSENGER_PAGE_TOKEN"
    public static let secretKeys = [appSecretKey, verifyTokenKey, pageTokenKey]

    public var name: String { Self.name }

    let options: MessengerOptions
    private let ledger: any EventLedger
    private let logger: Logger
    private let client: MessengerGraphClient
    private let signature: WebhookSignature?
    private let people: ServicePeople
    /// Page ids whose events were dropped (each warned about once).
    private let otherPages = Mutex<Set<String>>([])

    /// Throws one error naming every missing secret: the verify token, the page token and the app
    /// secret. With `insecureDev` none is needed: unsigned posts are accepted (logged loudly).
    public init(options: MessengerOptions, runtime: WorldRuntime, ledger: any EventLedger, logger: Logger) throws(MessengerConfigError) {
        let given: [(String, String?)] = [
            (Self.appSecretKey, options.appSecret), (Self.verifyTokenKey, options.verifyToken),
            (Self.pageTokenKey, options.pageToken),
        ]
        let missing = given.filter { ($0.1 ?? "").isEmpty }.map(\.0)
        if options.insecureDev {
            logger.critical(
                "MESSENGER WEBHOOK IS INSECURE (--insecure-dev): \(options.appSecret?.isEmpty == false ? "" : "unsigned posts are accepted. ")Never run this way in production."
            )
            if !missing.isEmpty { logger.warning("Messenger runs without \(missing.joined(separator: ", ")) (--insecure-dev)") }
        } else if !missing.isEmpty {
            throw MessengerConfigError(
                ServiceSecretsError.missing(missing, for: "Messenger", hint: "or pass --insecure-dev for local development").description)
        }
        signature = options.appSecret.flatMap { $0.isEmpty ? nil : WebhookSignature(secret: $0, prefix: "sha256=") }
        self.options = options
        self.ledger = ledger
        self.logger = logger
        let client = MessengerGraphClient(options: options)
        self.client = client
        people = ServicePeople(
            service: Self.name, runtime: runtime, ledger: ledger, idleTimeout: options.idleTimeout, logger: logger
        ) { psid, outgoing in
            await Self.send(outgoing, to: psid, client: client, logger: logger)
        }
    }

    /// Forgets event ids older than ``eventRetention``, then processes webhook events and runs every
    /// person's sender until a graceful shutdown; the senders finish what the worlds queued before
    /// this returns (or the server's grace period ends).
    public func run() async throws {
        do {
            let forgotten = try await ledger.forgetEvents(olderThan: Date(timeIntervalSinceNow: -Self.eventRetention))
            logger.debug("Messenger forgot \(forgotten) old event ids")
        } catch {
            logger.error("Messenger could not forget old event ids: \(error)")
        }
        let people = self.people
        let logger = self.logger
        await withGracefulShutdownHandler {
            await people.run()
        } onGracefulShutdown: {
            let queued = people.queuedOutgoing
            if queued > 0 { logger.notice("Messenger is stopping: \(queued) messages still to post to the Graph API") }
            people.finish()
        }
    }

    public func metrics() -> [ServiceMetric] {
        people.metrics()
    }

    public func announcement(baseURL: String) -> [String] {
        ["Messenger webhook at \(baseURL)\(Self.webhookPath)"]
    }

    /// Adds `GET` (subscription check) and `POST` (events) `/messenger/webhook` to `router`.
    public func addRoutes(to router: Router<ParleyRequestContext>) {
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
            ConstantTime.equal(token, options.verifyToken), let challenge = query.get("hub.challenge")
        else {
            logger.warning("Messenger webhook verification refused")
            return Response(status: .forbidden)
        }
        return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: challenge)))
    }

    /// Checks a post's signature and queues its events; the answer does not wait for them.
    func accept(body: Data, signature header: String?) -> Response {
        if let signature, !signature.isValid(header: header, signed: body) {
            logger.warning("Messenger webhook post refused: \(header == nil ? "no" : "a bad") X-Hub-Signature-256")
            return Response(status: .forbidden)
        }
        let batch: MessengerEvent.Batch
        do {
            batch = try MessengerEvent.events(in: JSONValue.parse(body), pageID: options.pageID)
        } catch {
            logger.warning("Messenger webhook post not understood: \(error)")
            return Response(
                status: .badRequest, body: ResponseBody(byteBuffer: ByteBuffer(string: "Messenger webhook: \(error)\n")))
        }
        warnAbout(otherPages: batch.otherPages)
        let events = batch.events
        people.enqueue { [self] in await process(events) }
        return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "EVENT_RECEIVED")))
    }

    /// Hands a post's events to the worlds, in order, skipping redelivered ones.
    private func process(_ events: [MessengerEvent]) async {
        for event in events {
            if let eventID = event.eventID, await !people.isFirstSighting(eventID) { continue }
            await people.receive(event.messages, from: event.psid)
            people.post(.action("mark_seen"), to: event.psid)
        }
    }

    /// Logs once per page id that its events are dropped, naming the configured page.
    private func warnAbout(otherPages pages: Set<String>) {
        let new = otherPages.withLock { seen in pages.subtracting(seen).sorted().filter { seen.insert($0).inserted } }
        for page in new {
            logger.warning(
                "Messenger events for page \(page) are dropped: the task config's additional_args.page_id is \(options.pageID ?? "not set"); set it to this page's id to answer them"
            )
        }
    }

    /// Posts one outgoing thing for a person; a message that cannot be sent is logged with the
    /// person and its text. False when it was not delivered.
    private static func send(_ outgoing: ServiceOutgoing, to psid: String, client: MessengerGraphClient, logger: Logger) async -> Bool {
        let person = "\(name)-\(psid)"
        let action: String? =
            switch outgoing {
            case .action(let action, _): action
            case .typing(let isTyping): isTyping ? "typing_on" : "typing_off"
            case .message: nil
            }
        if let action {
            do {
                try await client.post(MessengerOutgoing.senderAction(action, to: psid), path: "me/messages")
            } catch {
                logger.warning("Messenger sender action failed", metadata: ["person": "\(person)", "action": "\(action)", "error": "\(error)"])
            }
            return true
        }
        guard case .message(let message) = outgoing else { return true }
        let (bodies, problems) = MessengerOutgoing.bodies(for: message, to: psid)
        for problem in problems {
            logger.warning("Messenger message not sent as asked", metadata: ["person": "\(person)", "problem": "\(problem)"])
        }
        for body in bodies {
            do {
                try await client.post(body, path: "me/messages")
            } catch {
                logger.error(
                    "Messenger message not delivered", metadata: ["person": "\(person)", "text": "\(message.text)", "error": "\(error)"])
                return false
            }
        }
        return true
    }
}
