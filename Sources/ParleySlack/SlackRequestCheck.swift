import Foundation
import HTTPTypes
import ParleyServer

/// Tells posts from Slack: `X-Slack-Signature` must be `v0=` and the hex HMAC-SHA256 of
/// `v0:{X-Slack-Request-Timestamp}:{body}` keyed with the signing secret, and the timestamp within
/// ``tolerance`` of now, so a captured post cannot be replayed later.
struct SlackRequestCheck: Sendable {
    /// How far a request's timestamp may be from the server's clock.
    static let tolerance: TimeInterval = 5 * 60
    static let signatureHeader = HTTPField.Name("X-Slack-Signature")!
    static let timestampHeader = HTTPField.Name("X-Slack-Request-Timestamp")!

    private let signature: WebhookSignature

    init(signingSecret: String) {
        signature = WebhookSignature(secret: signingSecret, prefix: "v0=")
    }

    /// Why a post with these headers and body is not from Slack; nil when it is.
    func refusal(headers: HTTPFields, body: Data, now: Date = Date()) -> String? {
        guard let timestamp = headers[Self.timestampHeader] else { return "no X-Slack-Request-Timestamp" }
        guard let seconds = TimeInterval(timestamp), seconds.isFinite else {
            return "X-Slack-Request-Timestamp \(timestamp.prefix(40)) is not a number of seconds"
        }
        guard abs(now.timeIntervalSince1970 - seconds) <= Self.tolerance else {
            return "X-Slack-Request-Timestamp \(timestamp) is more than \(Int(Self.tolerance)) s from the server's clock"
        }
        guard let header = headers[Self.signatureHeader] else { return "no X-Slack-Signature" }
        guard signature.isValid(header: header, signed: Data("v0:\(timestamp):".utf8) + body) else {
            return "a bad X-Slack-Signature"
        }
        return nil
    }
}
