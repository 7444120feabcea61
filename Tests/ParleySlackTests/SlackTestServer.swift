import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ParleyCore
import ParleyServer
import ParleySlack
import ParleyStore
import ParleyTasks
import ParleyTestSupport
import ParleyWorlds
import Testing

/// A real Parley server on 127.0.0.1 with Slack enabled, running the built-in demo config with a
/// SQLite store, and calling a ``FakeSlackAPI``; posts signed events and taps to it as Slack does.
struct SlackTestServer {
    static let signingSecret = "test-signing-secret"
    static let botToken = "xoxb-test-token"
    /// Long, for a busy machine: the server answers at once, so this only bounds one that never does.
    static let timeout = TimeAmount.seconds(50)

    let api: FakeSlackAPI
    let port: Int
    let store: SQLiteStore
    let service: SlackService
    private let running: RunningService

    /// Starts a server calling `api` (a new fake Web API by default); the store is
    /// `parley.sqlite` in `directory` (a temporary one by default), so a restart can use the same file.
    static func start(
        api givenAPI: FakeSlackAPI? = nil, directory: URL? = nil, shutdownGrace: Duration = .milliseconds(300),
        idleTimeout: Duration = .seconds(3600)
    ) async throws -> SlackTestServer {
        let api = if let givenAPI { givenAPI } else { try await FakeSlackAPI.start() }
        var logger = Logger(label: "test.slack")
        logger.logLevel = .critical
        let store = try directory.map { try SQLiteStore(path: $0.appendingPathComponent("parley.sqlite").path) } ?? SQLiteStore.temporary()
        let config = try TaskConfig.parse(yaml: DemoFiles.config, file: "built-in demo config")
        let runtime = try WorldRuntime(
            config: config, registry: .builtIn, transcripts: store, options: RuntimeOptions(shutdownGrace: shutdownGrace), logger: logger)
        let options = SlackOptions(
            signingSecret: signingSecret, botToken: botToken, apiURL: api.apiURL, maxAttempts: 4, retryDelay: .milliseconds(5),
            idleTimeout: idleTimeout)
        let service = try SlackService(options: options, runtime: runtime, ledger: store, logger: logger)
        let running = try await RunningService.start(logger: logger) { onRunning in
            ParleyServer(host: "127.0.0.1", port: 0, runtime: runtime, services: [service], logger: logger, onRunning: onRunning)
        }
        return SlackTestServer(api: api, port: running.port, store: store, service: service, running: running)
    }

    /// Shuts the server down gracefully and waits until it has stopped; then stops the fake API.
    func stop() async throws {
        try await stopServer()
        try await api.stop()
    }

    /// Shuts the server down gracefully and waits until it has stopped.
    func stopServer() async throws {
        try await running.stop()
    }

    // MARK: Posting as Slack

    /// An answer of the server: its status and body.
    struct Answer {
        let status: Int
        let body: String
    }

    /// The `X-Slack-Request-Timestamp` and `X-Slack-Signature` headers Slack sends with `body`.
    static func signedHeaders(_ body: String, timestamp: Int = Int(Date().timeIntervalSince1970), secret: String = signingSecret)
        -> [String: String]
    {
        let signature = WebhookSignature(secret: secret, prefix: "v0=").header(signing: Data("v0:\(timestamp):\(body)".utf8))
        return ["X-Slack-Request-Timestamp": String(timestamp), "X-Slack-Signature": signature]
    }

    /// Posts `body` to `path` with `headers` (by default Slack's, signed).
    @discardableResult
    func post(
        _ body: String, to path: String = SlackService.eventsPath, contentType: String = "application/json", headers: [String: String]? = nil
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        for (name, value) in headers ?? Self.signedHeaders(body) { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: Self.timeout)
        let answer = try await response.body.collect(upTo: 1 << 16)
        return Answer(status: Int(response.status.code), body: String(buffer: answer))
    }

    /// Posts an `event_callback` holding `event`; returns the status.
    @discardableResult
    func post(
        event: JSONValue, eventID: String = "Ev" + UUID().uuidString, namingTheBot: Bool = true, headers extra: [String: String] = [:]
    ) async throws -> Int {
        let body = Self.envelope(event, eventID: eventID, namingTheBot: namingTheBot).jsonText()
        return try await post(body, headers: Self.signedHeaders(body).merging(extra) { $1 }).status
    }

    /// A direct message from `user` to the bot.
    @discardableResult
    func dm(_ text: String, from user: String = "U1", channel: String = "D1", eventID: String = "Ev" + UUID().uuidString) async throws -> Int {
        try await post(event: Self.message(text, from: user, channel: channel), eventID: eventID)
    }

    /// A mention of the bot by `user` in `channel`: `<@UBOT> text`, in `thread` when given.
    @discardableResult
    func mention(_ text: String, from user: String = "U1", channel: String = "C1", ts: String, thread: String? = nil) async throws -> Int {
        var event: JSONValue = [
            "type": "app_mention", "user": .string(user), "channel": .string(channel), "ts": .string(ts),
            "text": .string("<@\(FakeSlackAPI.botUserID)> \(text)"),
        ]
        if let thread, case .object(var members) = event {
            members["thread_ts"] = .string(thread)
            event = .object(members)
        }
        return try await post(event: event)
    }

    /// Taps the button of `post` whose value is `choice`, as `user`; returns the status.
    @discardableResult
    func tap(_ choice: String, on post: FakeSlackAPI.Call, from user: String = "U1", actionTS: String = "1700000100.000001")
        async throws -> Int
    {
        let ts = try #require(post.ts)
        let button = try #require(post.buttons.first { $0["value"]?.stringValue == choice })
        var message: [String: JSONValue] = ["ts": .string(ts), "text": post.body["text"] ?? "", "blocks": .array(post.blocks)]
        if let thread = post.threadTS { message["thread_ts"] = .string(thread) }
        let channel = try #require(post.channel)
        let payload: JSONValue = [
            "type": "block_actions", "user": ["id": .string(user)], "channel": ["id": .string(channel)],
            "container": ["type": "message", "message_ts": .string(ts), "channel_id": .string(channel)],
            "message": .object(message),
            "actions": [
                [
                    "type": "button", "action_id": button["action_id"] ?? .null, "block_id": "parley-choices", "value": .string(choice),
                    "action_ts": .string(actionTS),
                ]
            ],
        ]
        return try await postForm(payload: payload).status
    }

    /// Posts an interactivity body with `payload` as Slack does (form-encoded, signed).
    @discardableResult
    func postForm(payload: JSONValue) async throws -> Answer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = "payload=" + (payload.jsonText().addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        return try await post(body, to: SlackService.interactivityPath, contentType: "application/x-www-form-urlencoded")
    }

    /// An Events API envelope for `event`, naming the bot in `authorizations` unless told not to.
    static func envelope(_ event: JSONValue, eventID: String, namingTheBot: Bool = true) -> JSONValue {
        var envelope: [String: JSONValue] = [
            "token": "legacy", "team_id": "T1", "api_app_id": "A1", "type": "event_callback", "event_id": .string(eventID),
            "event_time": 1_700_000_000, "event": event,
        ]
        if namingTheBot { envelope["authorizations"] = [["team_id": "T1", "user_id": .string(FakeSlackAPI.botUserID), "is_bot": true]] }
        return .object(envelope)
    }

    /// A `message` event in a direct message channel.
    static func message(_ text: String, from user: String = "U1", channel: String = "D1") -> JSONValue {
        [
            "type": "message", "channel_type": "im", "user": .string(user), "channel": .string(channel), "text": .string(text),
            "ts": .string("1700000000.\(Int.random(in: 100_000...999_999))"),
        ]
    }
}
