import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ParleyCore
import ParleyServer
import ParleyStore
import ParleyWorlds
import ServiceLifecycle
import Synchronization

/// Slack as a chat service: the Events API at `/slack/events`, button taps at
/// `/slack/interactivity`, and the Web API sender.
///
/// A person is one user in one channel (address `CHANNEL:USER`): their direct messages to the bot,
/// and their mentions of it in channels, answered in the thread of their latest mention. Posts are
/// checked against the signing secret, answered at once and processed after, in order; an event
/// Slack redelivers (same `event_id`) or a tap replayed is handled once, also across restarts (the
/// store's ``EventLedger``). Messages from bots, the bot's own among them, and edits are ignored.
/// Quick replies are buttons; a tap reaches the worlds as the choice and the buttons are replaced
/// by it. A person silent for ``SlackOptions/idleTimeout`` leaves the worlds.
public final class SlackService: ChatService {
    /// The service name the worlds see.
    public static let name = "slack"
    /// Where Slack posts events (the app's Event Subscriptions request URL).
    public static let eventsPath = "/slack/events"
    /// Where Slack posts button taps (the app's Interactivity request URL).
    public static let interactivityPath = "/slack/interactivity"
    /// How long handled event ids are kept: Slack redelivers for an hour at most.
    public static let eventRetention: TimeInterval = 7 * 24 * 3600

    /// The secrets' keys: the app's signing secret and the bot token.
    public static let signingSecretKey = "PARLEY_SLACK_SIGNING_SECRET"
    public static let botTokenKey = "PARLEY_SLACK_BOT_TOKEN"
    public static let secretKeys = [signingSecretKey, botTokenKey]

    public var name: String { Self.name }

    private let ledger: any EventLedger
    private let logger: Logger
    private let client: SlackWebClient
    private let check: SlackRequestCheck
    private let threads: SlackThreads
    private let people: ServicePeople
    /// The bot's own user id, from `auth.test` or an event's `authorizations`.
    private let botUserID = Mutex<String?>(nil)

    /// Throws one error naming every missing secret, or saying the API URL is not http(s).
    public init(options: SlackOptions, runtime: WorldRuntime, ledger: any EventLedger, logger: Logger) throws(SlackConfigError) {
        let given = [(Self.signingSecretKey, options.signingSecret), (Self.botTokenKey, options.botToken)]
        let missing = given.filter { $0.1.isEmpty }.map(\.0)
        guard missing.isEmpty else { throw SlackConfigError(ServiceSecretsError.missing(missing, for: "Slack").description) }
        guard let url = URL(string: options.apiURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw SlackConfigError("the Slack Web API URL \(options.apiURL) is not an http(s) URL")
        }
        self.ledger = ledger
        self.logger = logger
        check = SlackRequestCheck(signingSecret: options.signingSecret)
        let client = SlackWebClient(options: options)
        let threads = SlackThreads(idleTimeout: options.idleTimeout)
        self.client = client
        self.threads = threads
        people = ServicePeople(
            service: Self.name, runtime: runtime, ledger: ledger, idleTimeout: options.idleTimeout, logger: logger
        ) { address, outgoing in
            await Self.send(outgoing, to: address, client: client, threads: threads, logger: logger)
        }
    }

    /// Slack as a chat service kind for `parley serve`, reading its secrets from the setup and
    /// calling the Web API at `apiURL`.
    public static func kind(apiURL: String = SlackOptions.defaultAPIURL) -> ChatServiceKind {
        ChatServiceKind(name: name, secretKeys: secretKeys) { setup in
            let options = SlackOptions(
                signingSecret: setup.secrets[signingSecretKey] ?? "", botToken: setup.secrets[botTokenKey] ?? "", apiURL: apiURL)
            return try SlackService(options: options, runtime: setup.runtime, ledger: setup.ledger, logger: setup.logger)
        }
    }

    /// Forgets event ids older than ``eventRetention`` and learns the bot's user id (`auth.test`),
    /// then processes events and runs every person's sender until a graceful shutdown; the senders
    /// finish what the worlds queued before this returns (or the server's grace period ends).
    public func run() async throws {
        do {
            let forgotten = try await ledger.forgetEvents(olderThan: Date(timeIntervalSinceNow: -Self.eventRetention))
            logger.debug("Slack forgot \(forgotten) old event ids")
        } catch {
            logger.error("Slack could not forget old event ids: \(error)")
        }
        let people = self.people
        let logger = self.logger
        await withGracefulShutdownHandler {
            // Events wait for the bot's identity, so that its own messages are known.
            await cancelWhenGracefulShutdown { await self.learnIdentity() }
            await people.run()
        } onGracefulShutdown: {
            let queued = people.queuedOutgoing
            if queued > 0 { logger.notice("Slack is stopping: \(queued) messages still to post to the Web API") }
            people.finish()
        }
    }

    public func metrics() -> [ServiceMetric] {
        people.metrics()
    }

    public func announcement(baseURL: String) -> [String] {
        ["Slack events at \(baseURL)\(Self.eventsPath)", "Slack interactivity at \(baseURL)\(Self.interactivityPath)"]
    }

    /// Adds `POST /slack/events` and `POST /slack/interactivity` to `router`.
    public func addRoutes(to router: Router<ParleyRequestContext>) {
        router.post(RouterPath(stringLiteral: Self.eventsPath)) { request, context -> Response in
            let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
            if let refused = self.refusal(request, body: body) { return refused }
            return self.accept(event: body, retry: request.headers[Self.retryHeader])
        }
        router.post(RouterPath(stringLiteral: Self.interactivityPath)) { request, context -> Response in
            let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
            if let refused = self.refusal(request, body: body) { return refused }
            return self.accept(interaction: body)
        }
    }

    private static let retryHeader = HTTPField.Name("X-Slack-Retry-Num")!

    /// 401 for a post that is not from Slack (logged with the reason); nil for one that is.
    private func refusal(_ request: Request, body: Data) -> Response? {
        guard let reason = check.refusal(headers: request.headers, body: body) else { return nil }
        logger.warning("Slack post to \(request.uri.path) refused: \(reason)")
        return Response(status: .unauthorized, body: ResponseBody(byteBuffer: ByteBuffer(string: "Slack signature check failed\n")))
    }

    /// Answers an Events API post at once: the challenge for a URL check; an event is queued.
    private func accept(event body: Data, retry: String?) -> Response {
        let event: SlackEvent
        do {
            event = try SlackEvent.parse(JSONValue.parse(body))
        } catch {
            logger.warning("Slack event post not understood: \(error)")
            return badRequest("Slack events: \(error)")
        }
        switch event {
        case .urlVerification(let challenge):
            logger.info("Slack checked the events URL")
            let answer: JSONValue = ["challenge": .string(challenge)]
            return Response(
                status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: answer.jsonText())))
        case .callback(let eventID, let envelopeBotID, let event):
            if let retry { logger.debug("Slack redelivered an event", metadata: ["event": "\(eventID ?? "?")", "retry": "\(retry)"]) }
            people.enqueue { [self] in await process(event, eventID: eventID, botUserID: envelopeBotID) }
        case .other(let type):
            logger.debug("Slack post of type \(type) ignored")
        }
        return Response(status: .ok)
    }

    /// Answers an interactivity post at once; a tap on Parley's buttons is queued.
    private func accept(interaction body: Data) -> Response {
        let tap: SlackInteraction?
        do {
            tap = try SlackInteraction.parse(form: String(decoding: body, as: UTF8.self))
        } catch {
            logger.warning("Slack interactivity post not understood: \(error)")
            return badRequest("Slack interactivity: \(error)")
        }
        if let tap { people.enqueue { [self] in await process(tap) } }
        return Response(status: .ok)
    }

    private func badRequest(_ text: String) -> Response {
        Response(status: .badRequest, body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    /// Hands the message an event carries to the worlds unless its event was handled before;
    /// replies go to the mention's thread from now on. `envelopeBotID` is the bot's user id as the
    /// event's envelope gives it, if it does.
    private func process(_ event: JSONValue, eventID: String?, botUserID envelopeBotID: String?) async {
        let botUserID = botUserID.withLock { known in
            if known == nil { known = envelopeBotID }
            return envelopeBotID ?? known
        }
        guard let incoming = SlackIncoming(event: event, botUserID: botUserID) else { return }
        if let eventID, await !people.isFirstSighting(eventID) { return }
        threads.set(incoming.replyThread, for: incoming.address)
        await people.receive([Message(text: incoming.text)], from: incoming.address)
    }

    /// Hands a tap's choice to the worlds unless it was handled before, after queueing the update
    /// that replaces the message's buttons with the choice.
    private func process(_ tap: SlackInteraction) async {
        guard await people.isFirstSighting(tap.eventID) else { return }
        threads.set(tap.threadTS, for: tap.address)
        // Connected first, so the update is queued before anything the worlds answer.
        await people.receive([], from: tap.address)
        people.post(.action("chat.update", body: SlackOutgoing.choiceMade(tap)), to: tap.address)
        await people.receive([Message(text: tap.value)], from: tap.address)
    }

    /// Learns the bot's user id with `auth.test`, so its own messages are known; logs what fails.
    private func learnIdentity() async {
        do {
            let answer = try await client.call("auth.test", [:])
            let user = answer["user_id"]?.stringValue
            botUserID.withLock { $0 = user ?? $0 }
            logger.info("Slack bot is \(answer["user"]?.stringValue ?? "?") (\(user ?? "?")) in \(answer["team"]?.stringValue ?? "?")")
        } catch where !Task.isCancelled {
            logger.error("Slack auth.test failed, so the bot token may not work: \(error)")
        } catch {
            logger.debug("Slack stopped before auth.test answered")
        }
    }

    /// Posts one outgoing thing for the person at `CHANNEL:USER`; a message that cannot be sent is
    /// logged with the person, its text and Slack's error. False when it was not delivered.
    private static func send(
        _ outgoing: ServiceOutgoing, to address: String, client: SlackWebClient, threads: SlackThreads, logger: Logger
    ) async -> Bool {
        let person = "\(name)-\(address)"
        let channel = String(address.prefix { $0 != ":" })
        switch outgoing {
        case .typing:
            // Slack has no typing indicator for bots that post with chat.postMessage.
            return true
        case .action(let method, let body):
            guard let body else {
                logger.warning("Slack action without a body", metadata: ["person": "\(person)", "action": "\(method)"])
                return true
            }
            do {
                try await client.call(method, body, channel: channel)
            } catch {
                logger.warning("Slack \(method) failed", metadata: ["person": "\(person)", "error": "\(error)"])
            }
            return true
        case .message(let message):
            let (bodies, problems) = SlackOutgoing.bodies(for: message, channel: channel, thread: threads.thread(for: address))
            for problem in problems {
                logger.warning("Slack message not sent as asked", metadata: ["person": "\(person)", "problem": "\(problem)"])
            }
            for body in bodies {
                do {
                    try await client.call("chat.postMessage", body, channel: channel)
                } catch {
                    logger.error(
                        "Slack message not delivered", metadata: ["person": "\(person)", "text": "\(message.text)", "error": "\(error)"])
                    return false
                }
            }
            return true
        }
    }
}
