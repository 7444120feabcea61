import AsyncHTTPClient
import Foundation
import NIOCore
import ParleyCore
import ParleyServer

/// Calls the Telegram Bot API (`POST {base}/bot{token}/{method}` with a JSON body), retrying
/// transient failures with growing pauses: no answer, 5xx, and 429 (after Telegram's
/// `retry_after`). Errors never show the token.
public struct TelegramBotAPI: Sendable {
    /// The updates Parley asks Telegram for.
    public static let allowedUpdates: [String] = ["message", "callback_query"]
    /// The time allowed for one attempt (a long poll gets its own timeout on top).
    static let attemptTimeout = TimeAmount.seconds(20)
    /// The largest answer read, in bytes.
    static let answerLimit = 16 * 1024 * 1024

    let baseURL: String
    let botToken: String
    let maxAttempts: Int
    let retryDelay: Duration

    public init(url: String = TelegramOptions.defaultAPIURL, botToken: String, maxAttempts: Int = 5, retryDelay: Duration = .milliseconds(500)) {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
        self.botToken = botToken
        self.maxAttempts = max(1, maxAttempts)
        self.retryDelay = retryDelay
    }

    /// The bot the token belongs to.
    public func getMe() async throws(TelegramAPIError) -> TelegramBot {
        try await getMe(attempts: nil)
    }

    /// The bot the token belongs to, asked up to `attempts` times (default: the configured attempts).
    func getMe(attempts: Int?) async throws(TelegramAPIError) -> TelegramBot {
        let answer = try await call("getMe", [:], attempts: attempts)
        guard let id = answer["result"]?["id"]?.intValue, let username = answer["result"]?["username"]?.stringValue else {
            throw TelegramAPIError(method: "getMe", status: 200, reason: "the answer has no bot id and username: \(answer.jsonText())")
        }
        return TelegramBot(id: id, username: username)
    }

    /// Points Telegram at `url` for messages and button taps, posting `secretToken` in
    /// `X-Telegram-Bot-Api-Secret-Token`; returns Telegram's description (e.g. "Webhook was set").
    public func setWebhook(url: String, secretToken: String) async throws(TelegramAPIError) -> String {
        let body: JSONValue = [
            "url": .string(url), "secret_token": .string(secretToken), "allowed_updates": .array(Self.allowedUpdates.map { .string($0) }),
        ]
        return try await call("setWebhook", body)["description"]?.stringValue ?? "done"
    }

    /// Removes the webhook, so that updates wait for `getUpdates`; returns Telegram's description.
    public func deleteWebhook() async throws(TelegramAPIError) -> String {
        try await call("deleteWebhook", [:])["description"]?.stringValue ?? "done"
    }

    /// Calls `method` with `body`, up to `attempts` times (default: the configured attempts) while
    /// failures are transient; Telegram's answer (`{"ok": true, "result": ...}`).
    func call(_ method: String, _ body: JSONValue, attempts: Int? = nil) async throws(TelegramAPIError) -> JSONValue {
        var attempt = 1
        while true {
            do throws(TelegramAPIError) {
                return try await attemptCall(method, body, timeout: Self.attemptTimeout)
            } catch let failure where failure.isTransient && attempt < (attempts ?? maxAttempts) {
                do {
                    try await Task.sleep(for: failure.retryAfter ?? pause(afterFailures: attempt))
                } catch {
                    throw TelegramAPIError(method: method, status: failure.status, reason: "\(failure.reason) (cancelled while retrying)")
                }
                attempt += 1
            }
        }
    }

    /// The pause after `failures` failures in a row: ``retryDelay``, doubling each time.
    func pause(afterFailures failures: Int) -> Duration {
        retryDelay * (1 << min(max(failures, 1) - 1, 16))
    }

    /// One call of `method`; throws Telegram's refusal or why no answer came.
    func attemptCall(_ method: String, _ body: JSONValue, timeout: TimeAmount) async throws(TelegramAPIError) -> JSONValue {
        var request = HTTPClientRequest(url: "\(baseURL)/bot\(botToken)/\(method)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body.jsonText()))
        let status: Int
        let text: String
        do {
            let response = try await OutgoingHTTP.client.execute(request, timeout: timeout)
            status = Int(response.status.code)
            text = String(buffer: try await response.body.collect(upTo: Self.answerLimit))
        } catch {
            throw TelegramAPIError(method: method, status: nil, reason: "no answer from \(baseURL): \(error)")
        }
        let answer = try? JSONValue.parse(text)
        if (200..<300).contains(status), answer?["ok"] == .bool(true), let answer { return answer }
        let retryAfter = answer?["parameters"]?["retry_after"]?.numberValue.map { Duration.milliseconds(Int64($0 * 1000)) }
        throw TelegramAPIError(
            method: method, status: answer?["error_code"]?.intValue ?? status,
            reason: answer?["description"]?.stringValue ?? String(text.prefix(300)), retryAfter: retryAfter)
    }
}
