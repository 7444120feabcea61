import AsyncHTTPClient
import Foundation
import NIOCore
import ParleyCore
import ParleyServer
import Synchronization

/// Calls the Slack Web API with the bot token: `POST {apiURL}/{method}` with a JSON body.
///
/// A 429 waits for its `Retry-After` (every call for that channel waits with it), 5xx answers and
/// connection failures are retried with pauses that double; an answer of `"ok": false` is an error
/// that is not retried.
final class SlackWebClient: Sendable {
    let apiURL: String
    let botToken: String
    let maxAttempts: Int
    let retryDelay: Duration
    /// The time allowed for one attempt.
    static let attemptTimeout = TimeAmount.seconds(20)
    /// The largest answer read, in bytes.
    static let answerLimit = 1024 * 1024

    /// Until when calls for each rate-limited channel wait.
    private let pausedUntil = Mutex<[String: ContinuousClock.Instant]>([:])

    init(options: SlackOptions) {
        var base = options.apiURL
        while base.hasSuffix("/") { base.removeLast() }
        apiURL = base
        botToken = options.botToken
        maxAttempts = max(1, options.maxAttempts)
        retryDelay = options.retryDelay
    }

    /// Calls `method` with `body` (about `channel`, when it is about one); returns Slack's answer.
    /// Throws the last error once retries are used up, or when cancelled.
    @discardableResult
    func call(_ method: String, _ body: JSONValue, channel: String? = nil) async throws(SlackAPIError) -> JSONValue {
        var request = HTTPClientRequest(url: "\(apiURL)/\(method)")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(botToken)")
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.body = .bytes(ByteBuffer(string: body.jsonText()))
        var attempt = 1
        while true {
            if let channel, let until = pause(of: channel) { try await wait(until: until, method: method) }
            do throws(SlackAPIError) {
                return try await attemptCall(request, method: method)
            } catch where error.isTransient && attempt < maxAttempts {
                let until = ContinuousClock.now + (error.retryAfter ?? retryDelay * (1 << min(attempt - 1, 10)))
                if let channel, error.retryAfter != nil {
                    pausedUntil.withLock { $0[channel] = max($0[channel] ?? until, until) }
                } else {
                    try await wait(until: until, method: method)
                }
                attempt += 1
            }
        }
    }

    /// Until when calls for `channel` wait; nil when they need not (a pause that is over is forgotten).
    private func pause(of channel: String) -> ContinuousClock.Instant? {
        pausedUntil.withLock { paused in
            guard let until = paused[channel], until > .now else {
                paused[channel] = nil
                return nil
            }
            return until
        }
    }

    private func wait(until deadline: ContinuousClock.Instant, method: String) async throws(SlackAPIError) {
        do {
            try await Task.sleep(until: deadline, clock: .continuous)
        } catch {
            throw SlackAPIError("\(method): cancelled while waiting to retry")
        }
    }

    private func attemptCall(_ request: HTTPClientRequest, method: String) async throws(SlackAPIError) -> JSONValue {
        let status: UInt
        let retryAfter: String?
        let answer: ByteBuffer
        do {
            let response = try await OutgoingHTTP.client.execute(request, timeout: Self.attemptTimeout)
            status = response.status.code
            retryAfter = response.headers.first(name: "Retry-After")
            answer = try await response.body.collect(upTo: Self.answerLimit)
        } catch {
            throw SlackAPIError("POST \(apiURL)/\(method) failed: \(error)", isTransient: !Task.isCancelled)
        }
        let text = String(decoding: answer.readableBytesView, as: UTF8.self)
        if status == 429 {
            let seconds = retryAfter.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { max(0, $0) }
            throw SlackAPIError(
                "\(method) was rate limited (429\(seconds.map { ", Retry-After \($0) s" } ?? ""))", isTransient: true,
                retryAfter: seconds.map { .seconds($0) })
        }
        guard (200..<300).contains(status) else {
            throw SlackAPIError("POST \(apiURL)/\(method) answered \(status): \(text.prefix(300))", isTransient: status >= 500)
        }
        guard let json = try? JSONValue.parse(text) else {
            throw SlackAPIError("POST \(apiURL)/\(method) answered \(status) with something that is not JSON: \(text.prefix(300))")
        }
        guard json["ok"] == .bool(true) else {
            let code = json["error"]?.stringValue ?? "no error given"
            throw SlackAPIError("\(method) failed: \(code)")
        }
        return json
    }
}
