import AsyncHTTPClient
import Foundation
import NIOCore
import ParleyCore

/// Posts JSON to one endpoint and reads the JSON answer, with a time limit per attempt and
/// retries (with growing pauses) after connection failures and transient statuses (429, 5xx).
struct JSONPoster: Sendable {
    let url: URL
    let headers: [(name: String, value: String)]
    let timeout: Duration
    let retries: Int
    /// The largest answer read, in bytes.
    static let answerLimit = 4 * 1024 * 1024

    /// The answer's JSON; throws ``RemoteBotError`` when there is none after every attempt.
    func post(_ body: JSONValue) async throws -> JSONValue {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        for header in headers { request.headers.add(name: header.name, value: header.value) }
        request.body = .bytes(ByteBuffer(string: body.jsonText()))
        var attempt = 0
        while true {
            do {
                return try await attemptPost(request)
            } catch let error as RemoteBotError where error.isTransient && attempt < retries {
                attempt += 1
                try await Task.sleep(for: .milliseconds(250 << min(attempt - 1, 4)))
            }
        }
    }

    private func attemptPost(_ request: HTTPClientRequest) async throws -> JSONValue {
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await OutgoingHTTP.client.execute(request, timeout: TimeAmount(timeout))
            body = try await response.body.collect(upTo: Self.answerLimit)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw RemoteBotError.timedOut(url: url, after: timeout)
        } catch let error as NIOTooManyBytesError {
            throw RemoteBotError.badAnswer(url: url, reason: "the answer exceeds \(Self.answerLimit) bytes (\(error))")
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw RemoteBotError.unreachable(url: url, reason: "\(error)")
        }
        let text = String(decoding: body.readableBytesView, as: UTF8.self)
        guard (200..<300).contains(response.status.code) else {
            throw RemoteBotError.status(url: url, code: Int(response.status.code), body: String(text.prefix(300)))
        }
        do {
            return try JSONValue.parse(text)
        } catch {
            throw RemoteBotError.badAnswer(url: url, reason: "the answer is not JSON")
        }
    }
}
