import Foundation
import ParleyCore

/// A tap on one of Parley's quick reply buttons: a `block_actions` payload posted to the
/// interactivity route.
struct SlackInteraction: Sendable, Equatable {
    let channel: String
    let user: String
    /// The choice the button stands for.
    let value: String
    /// When the tap happened, as Slack stamps it; with the user it tells a replayed tap.
    let actionTS: String
    /// The message holding the buttons: its timestamp, the thread it is in, and the message as
    /// Slack sent it back (its `text` and `blocks`).
    let messageTS: String
    let threadTS: String?
    let message: JSONValue

    /// The person's address: one person per user and channel.
    var address: String { "\(channel):\(user)" }

    /// The id the event ledger remembers the tap by.
    var eventID: String { "tap:\(actionTS):\(user)" }

    /// The tap a form-encoded interactivity body holds; nil when it is another kind of
    /// interaction, or a tap on a button that is not Parley's. Throws ``SlackEventError`` when
    /// the body has no `payload` field of JSON, or the tap misses its user, channel or message.
    static func parse(form body: String) throws(SlackEventError) -> SlackInteraction? {
        let fields = body.split(separator: "&").map { $0.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false) }
        guard let field = fields.first(where: { $0.first == "payload" }), field.count == 2,
            let text = String(field[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        else { throw SlackEventError("the body has no form-encoded \"payload\" field") }
        let payload: JSONValue
        do {
            payload = try JSONValue.parse(text)
        } catch {
            throw SlackEventError("the payload field is not JSON: \(error)")
        }
        guard payload["type"]?.stringValue == "block_actions" else { return nil }
        let action = payload["actions"]?.arrayValue?.first {
            $0["action_id"]?.stringValue?.hasPrefix(SlackOutgoing.actionIDPrefix) == true
        }
        guard let action else { return nil }
        guard let user = payload["user"]?["id"]?.stringValue else { throw SlackEventError("block_actions without user.id") }
        guard let channel = payload["container"]?["channel_id"]?.stringValue ?? payload["channel"]?["id"]?.stringValue else {
            throw SlackEventError("block_actions without container.channel_id")
        }
        guard let messageTS = payload["container"]?["message_ts"]?.stringValue ?? payload["message"]?["ts"]?.stringValue else {
            throw SlackEventError("block_actions without container.message_ts")
        }
        guard let actionTS = action["action_ts"]?.stringValue else { throw SlackEventError("block_actions without actions[].action_ts") }
        return SlackInteraction(
            channel: channel, user: user, value: action["value"]?.stringValue ?? "", actionTS: actionTS, messageTS: messageTS,
            threadTS: payload["message"]?["thread_ts"]?.stringValue, message: payload["message"] ?? .null)
    }
}
