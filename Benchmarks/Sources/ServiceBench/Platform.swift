import Foundation
import ParleyCore
import ParleyServer

/// The service a run measures, and how a person's text reaches its webhook.
enum Platform: String, Sendable {
    case telegram, slack

    static let telegramSecret = "bench-secret-token"
    static let slackSigningSecret = "bench-signing-secret"

    var webhookPath: String {
        switch self {
        case .telegram: "/telegram/webhook"
        case .slack: "/slack/events"
        }
    }

    /// The webhook body and headers of event `number`: `person` says `text`.
    func webhook(number: Int, person: Int, text: String) -> (body: String, headers: [(String, String)]) {
        switch self {
        case .telegram:
            let body: JSONValue = [
                "update_id": .number(Double(number)),
                "message": [
                    "message_id": .number(Double(number)), "date": 1_700_000_000,
                    "from": ["id": .number(Double(1000 + person)), "is_bot": false, "first_name": "Person"],
                    "chat": ["id": .number(Double(1000 + person)), "type": "private"], "text": .string(text),
                ],
            ]
            return (body.jsonText(), [("X-Telegram-Bot-Api-Secret-Token", Self.telegramSecret)])
        case .slack:
            let body: JSONValue = [
                "type": "event_callback", "event_id": .string("Ev\(number)"), "team_id": "T1",
                "event": [
                    "type": "message", "channel_type": "im", "channel": .string("D\(person)"), "user": .string("U\(person)"),
                    "text": .string(text), "ts": .string("\(1_700_000_000 + number).000100"),
                ],
            ]
            let text = body.jsonText()
            let timestamp = String(Int(Date().timeIntervalSince1970))
            let signature = WebhookSignature(secret: Self.slackSigningSecret, prefix: "v0=").header(signing: Data("v0:\(timestamp):\(text)".utf8))
            return (text, [("X-Slack-Request-Timestamp", timestamp), ("X-Slack-Signature", signature)])
        }
    }
}
