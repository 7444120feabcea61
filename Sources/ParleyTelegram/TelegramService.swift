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

/// Telegram as a chat service: updates from the webhook at `/telegram/webhook` or by polling
/// `getUpdates`, replies through the Bot API.
///
/// Each Telegram user in a chat is a person in the worlds (service `telegram`; see
/// ``TelegramEvent`` for who counts in groups), connected on their first message and forgotten
/// after ``TelegramOptions/idleTimeout`` of silence. Webhook posts must carry the secret token and
/// are answered at once, then processed in order; an update seen before (by its `update_id`, in
/// the store's ``EventLedger``) is handled once, across restarts. At start the service asks
/// `getMe` for the bot's username, which groups mention it by.
public final class TelegramService: ChatService {
    /// The service name the worlds see.
    public static let name = "telegram"
    /// The webhook's path.
    public static let webhookPath = "/telegram/webhook"
    /// The header Telegram sends the secret token in with every webhook post.
    public static let secretHeader = "X-Telegram-Bot-Api-Secret-Token"
    /// How long handled update ids are kept: Telegram keeps undelivered updates for a day.
    public static let eventRetention: TimeInterval = 7 * 24 * 3600

    /// The secrets' keys: the bot token from @BotFather, and the secret Telegram sends with
    /// webhook posts (chosen by you, set with `parley telegram setup`).
    public static let botTokenKey = "PARLEY_TELEGRAM_BOT_TOKEN"
    public static let secretTokenKey = "PARLEY_TELEGRAM_SECRET_TOKEN"
    public static let secretKeys = [botTokenKey, secretTokenKey]

    public var name: String { Self.name }

    let options: TelegramOptions
    private let api: TelegramBotAPI
    private let ledger: any EventLedger
    private let logger: Logger
    private let people: ServicePeople
    private let identity = Mutex<TelegramBot?>(nil)

    /// Throws one error naming every missing secret: the bot token, and for the webhook the secret
    /// token (unless `insecureDev`, which accepts posts without it, logged loudly).
    public init(options: TelegramOptions, runtime: WorldRuntime, ledger: any EventLedger, logger: Logger) throws(TelegramConfigError) {
        var missing = options.botToken.isEmpty ? [Self.botTokenKey] : []
        let secret = options.secretToken ?? ""
        if !options.polling, secret.isEmpty, !options.insecureDev { missing.append(Self.secretTokenKey) }
        guard missing.isEmpty else {
            let hint = missing.contains(Self.secretTokenKey) ? "or pass --telegram-polling, which needs no secret token" : nil
            throw TelegramConfigError(ServiceSecretsError.missing(missing, for: "Telegram", hint: hint).description)
        }
        if !options.polling, !secret.isEmpty, let problem = Self.secretTokenProblem(secret) {
            throw TelegramConfigError(problem)
        }
        if !options.polling, secret.isEmpty {
            logger.critical(
                "TELEGRAM WEBHOOK IS INSECURE (--insecure-dev): posts without the secret token are accepted. Never run this way in production.")
        }
        self.options = options
        self.ledger = ledger
        self.logger = logger
        let api = TelegramBotAPI(url: options.apiURL, botToken: options.botToken, maxAttempts: options.maxAttempts, retryDelay: options.retryDelay)
        self.api = api
        people = ServicePeople(service: Self.name, runtime: runtime, ledger: ledger, idleTimeout: options.idleTimeout, logger: logger) {
            address, outgoing in
            await Self.send(outgoing, to: address, api: api, logger: logger)
        }
    }

    /// Why `token` cannot be a webhook secret token (Telegram allows 1 to 256 characters of
    /// `A-Z`, `a-z`, `0-9`, `_` and `-`); nil when it can.
    public static func secretTokenProblem(_ token: String) -> String? {
        let allowed = token.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-") }
        guard allowed, (1...256).contains(token.count) else {
            return "\(secretTokenKey) must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule for a webhook's secret token)"
        }
        return nil
    }

    /// The bot, once ``run()`` has asked Telegram who it is.
    public var bot: TelegramBot? {
        identity.withLock { $0 }
    }

    /// Telegram as a chat service kind for `parley serve`, reading its secrets from the setup and
    /// calling the Bot API at `apiURL`, by webhook or (with `polling`) by long polling.
    public static func kind(apiURL: String = TelegramOptions.defaultAPIURL, polling: Bool = false) -> ChatServiceKind {
        ChatServiceKind(name: name, secretKeys: secretKeys) { setup in
            let options = TelegramOptions(
                botToken: setup.secrets[botTokenKey] ?? "", secretToken: setup.secrets[secretTokenKey], apiURL: apiURL,
                polling: polling, insecureDev: setup.insecureDev)
            return try TelegramService(options: options, runtime: setup.runtime, ledger: setup.ledger, logger: setup.logger)
        }
    }

    /// Forgets update ids older than ``eventRetention``, learns the bot's username (`getMe`, retried
    /// while Telegram cannot be reached; throws when it refuses the token), then processes updates
    /// until a graceful shutdown: polling stops at once, the senders finish what the worlds queued.
    public func run() async throws {
        do {
            let forgotten = try await ledger.forgetEvents(olderThan: Date(timeIntervalSinceNow: -Self.eventRetention))
            logger.debug("Telegram forgot \(forgotten) old update ids")
        } catch {
            logger.error("Telegram could not forget old update ids: \(error)")
        }
        guard let bot = try await cancelWhenGracefulShutdown({ try await self.identify() }) else { return }
        identity.withLock { $0 = bot }
        logger.info("Telegram bot @\(bot.username) \(options.polling ? "polling for updates" : "taking updates at \(Self.webhookPath)")")
        let (people, logger, polling) = (self.people, self.logger, options.polling)
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await people.run() }
                if polling { group.addTask { await cancelWhenGracefulShutdown { await self.poll() } } }
            }
        } onGracefulShutdown: {
            let queued = people.queuedOutgoing
            if queued > 0 { logger.notice("Telegram is stopping: \(queued) messages still to send to the Bot API") }
            people.finish()
        }
    }

    public func metrics() -> [ServiceMetric] {
        people.metrics()
    }

    public func announcement(baseURL: String) -> [String] {
        if options.polling {
            ["Telegram polling \(options.apiURL) for updates (no webhook)"]
        } else {
            ["Telegram webhook at \(baseURL)\(Self.webhookPath) (point Telegram at its public HTTPS address with `parley telegram setup --url`)"]
        }
    }

    /// Adds `POST /telegram/webhook` to `router`, unless polling.
    public func addRoutes(to router: Router<ParleyRequestContext>) {
        guard !options.polling else { return }
        router.post(RouterPath(stringLiteral: Self.webhookPath)) { request, context -> Response in
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let secret = HTTPField.Name(Self.secretHeader).flatMap { request.headers[$0] }
            return self.accept(body: Data(body.readableBytesView), secret: secret)
        }
    }

    /// Checks a post's secret token and queues its update; the answer does not wait for it.
    func accept(body: Data, secret header: String?) -> Response {
        if let secret = options.secretToken, !secret.isEmpty, !ConstantTime.equal(header ?? "", secret) {
            logger.warning("Telegram webhook post refused: \(header == nil ? "no" : "a wrong") \(Self.secretHeader) header")
            return Response(status: .forbidden)
        }
        let update: JSONValue
        do {
            update = try JSONValue.parse(body)
        } catch {
            logger.warning("Telegram webhook post not understood: \(error)")
            return Self.badRequest("the body is not JSON: \(error)")
        }
        guard update.objectValue != nil, update["update_id"]?.intValue != nil else {
            logger.warning("Telegram webhook post not understood: no update_id")
            return Self.badRequest("expected a Telegram Update object, with a whole number update_id")
        }
        people.enqueue { [self] in await handle(update) }
        return Response(status: .ok)
    }

    private static func badRequest(_ problem: String) -> Response {
        Response(status: .badRequest, body: ResponseBody(byteBuffer: ByteBuffer(string: "Telegram webhook: \(problem)\n")))
    }

    /// Hands an update to the worlds, unless it is not for them or was handled before; a button
    /// tap is answered first, in order with what the person is sent.
    private func handle(_ update: JSONValue) async {
        guard let bot else { return }
        guard let event = TelegramEvent(update: update, bot: bot) else {
            logger.debug("Telegram update not for the worlds", metadata: ["update": "\(update["update_id"]?.jsonText() ?? "?")"])
            return
        }
        guard await people.isFirstSighting("update:\(event.updateID)") else { return }
        if let queryID = event.callbackQueryID {
            await people.receive([], from: event.address)
            people.post(.action("answerCallbackQuery", body: ["callback_query_id": .string(queryID)]), to: event.address)
        }
        if !event.messages.isEmpty { await people.receive(event.messages, from: event.address) }
    }

    /// Who the bot is: `getMe`, tried again with growing pauses while Telegram cannot be reached;
    /// nil when cancelled first. Throws when Telegram refuses the token.
    private func identify() async throws(TelegramConfigError) -> TelegramBot? {
        var failures = 0
        while !Task.isCancelled {
            do {
                return try await api.getMe(attempts: 1)
            } catch where error.isTransient {
                if Task.isCancelled { return nil }
                failures += 1
                let pause = min(error.retryAfter ?? api.pause(afterFailures: failures), options.maxPollPause)
                logger.error("Telegram cannot tell who the bot is yet (trying again in \(pause)): \(error)")
                do { try await Task.sleep(for: pause) } catch { return nil }
            } catch {
                throw TelegramConfigError("Telegram refused the bot token (\(Self.botTokenKey)): \(error)")
            }
        }
        return nil
    }

    /// Polls `getUpdates` until cancelled, confirming each batch with the next call's `offset`
    /// and handling its updates in order; failures are logged and polling goes on after growing
    /// pauses.
    private func poll() async {
        let seconds = Int(options.pollTimeout.components.seconds)
        var offset: Int?
        var failures = 0
        while !Task.isCancelled {
            var body: JSONValue = ["timeout": .number(Double(seconds)), "allowed_updates": .array(TelegramBotAPI.allowedUpdates.map { .string($0) })]
            if let offset, case .object(var members) = body {
                members["offset"] = .number(Double(offset))
                body = .object(members)
            }
            do {
                let answer = try await api.attemptCall("getUpdates", body, timeout: .seconds(Int64(seconds) + 20))
                failures = 0
                for update in answer["result"]?.arrayValue ?? [] {
                    if let id = update["update_id"]?.intValue { offset = max(offset ?? id + 1, id + 1) }
                    await handle(update)
                }
            } catch {
                if Task.isCancelled { return }
                failures += 1
                let pause = min(error.retryAfter ?? api.pause(afterFailures: failures), options.maxPollPause)
                logger.error("\(Self.pollingProblem(error)) (polling again in \(pause))")
                do { try await Task.sleep(for: pause) } catch { return }
            }
        }
    }

    /// What a failed `getUpdates` means, and what to do about it.
    static func pollingProblem(_ error: TelegramAPIError) -> String {
        guard error.status == 409 else { return "Telegram polling failed: \(error)" }
        if error.reason.contains("webhook") {
            return "Telegram refuses polling while a webhook is set (\(error.reason)): "
                + "run `parley telegram setup --delete` to remove it, or serve the webhook without --telegram-polling"
        }
        return "Telegram refuses polling (\(error.reason)): another process polls with this bot token; stop it, only one may"
    }

    /// Sends one outgoing thing to the person at `address`; a message that cannot be delivered is
    /// logged with the person and its text. False when it was not delivered.
    private static func send(_ outgoing: ServiceOutgoing, to address: String, api: TelegramBotAPI, logger: Logger) async -> Bool {
        let person = "\(name)-\(address)"
        guard let chatID = TelegramEvent.chatID(of: address) else {
            logger.error("Telegram cannot send to address \(address): no chat id")
            return false
        }
        let request: TelegramRequest? =
            switch outgoing {
            case .typing(let isTyping): isTyping ? TelegramOutgoing.chatAction("typing", chatID: chatID) : nil
            case .action(let method, let body?): TelegramRequest(method: method, body: body)
            case .action(let action, nil): TelegramOutgoing.chatAction(action, chatID: chatID)
            case .message: nil
            }
        if let request {
            do {
                _ = try await api.call(request.method, request.body, attempts: 1)
            } catch {
                logger.warning("Telegram \(request.method) failed", metadata: ["person": "\(person)", "error": "\(error)"])
            }
            return true
        }
        guard case .message(let message) = outgoing else { return true }
        let (requests, problems) = TelegramOutgoing.requests(for: message, chatID: chatID)
        for problem in problems {
            logger.warning("Telegram message not sent as asked", metadata: ["person": "\(person)", "problem": "\(problem)"])
        }
        for request in requests {
            do {
                _ = try await api.call(request.method, request.body)
            } catch {
                logger.error("Telegram message not delivered", metadata: ["person": "\(person)", "text": "\(message.text)", "error": "\(error)"])
                return false
            }
        }
        return true
    }
}
