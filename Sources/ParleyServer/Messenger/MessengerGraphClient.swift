import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ParleyCore

/// Posts to the Graph API with the page access token, retrying transient failures with backoff:
/// connection failures, 5xx answers, and Graph's throttling codes (1, 2, 4, 17, 32, 613).
struct MessengerGraphClient: Sendable {
    let graphURL: String
    let pageToken: String
    let maxAttempts: Int
    let retryDelay: Duration
    /// The time allowed for one attempt.
    static let attemptTimeout = TimeAmount.seconds(20)
    /// The largest answer read, in bytes.
    static let answerLimit = 1024 * 1024
    /// Graph error codes that mean "try again later".
    static let transientCodes: Set<Int> = [1, 2, 4, 17, 32, 613]

    init(options: MessengerOptions) {
        var base = options.graphURL
        while base.hasSuffix("/") { base.removeLast() }
        graphURL = base
        pageToken = options.pageToken
        maxAttempts = max(1, options.maxAttempts)
        retryDelay = options.retryDelay
    }

    /// Posts `body` to `{graph}/{path}`; throws the last error once retries are used up.
    func post(_ body: JSONValue, path: String) async throws(MessengerSendError) {
        let token = pageToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? pageToken
        var request = HTTPClientRequest(url: "\(graphURL)/\(path)?access_token=\(token)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body.jsonText()))
        var attempt = 1
        while true {
            do throws(MessengerSendError) {
                return try await attemptPost(request, path: path)
            } catch where error.isTransient && attempt < maxAttempts {
                do {
                    try await Task.sleep(for: retryDelay * (1 << min(attempt - 1, 10)))
                } catch {
                    throw MessengerSendError(description: "cancelled while retrying: \(error)", isTransient: false)
                }
                attempt += 1
            }
        }
    }

    private func attemptPost(_ request: HTTPClientRequest, path: String) async throws(MessengerSendError) {
        let status: UInt
        let answer: ByteBuffer
        do {
            let response = try await OutgoingHTTP.client.execute(request, timeout: Self.attemptTimeout)
            status = response.status.code
            answer = try await response.body.collect(upTo: Self.answerLimit)
        } catch {
            throw MessengerSendError(description: "POST \(graphURL)/\(path) failed: \(error)", isTransient: true)
        }
        guard !(200..<300).contains(status) else { return }
        let text = String(decoding: answer.readableBytesView, as: UTF8.self)
        let graphError = (try? JSONValue.parse(text))?["error"]
        let code = graphError?["code"]?.numberValue.map { Int($0) }
        let reason = graphError?["message"]?.stringValue ?? String(text.prefix(300))
        throw MessengerSendError(
            description: "POST \(graphURL)/\(path) answered \(status)\(code.map { " (Graph error \($0))" } ?? ""): \(reason)",
            isTransient: status >= 500 || status == 429 || code.map(Self.transientCodes.contains) == true
        )
    }
}
