import Foundation
import ParleyCore

/// A message a person sent the bot that reaches the worlds: a direct message (`message` in an
/// `im` channel) or a mention of the bot in a channel (`app_mention`).
struct SlackIncoming: Sendable, Equatable {
    let channel: String
    let user: String
    /// The text as the person wrote it: the bot's mention taken out, Slack's `&amp;`, `&lt;` and
    /// `&gt;` turned back into `&`, `<` and `>`.
    let text: String
    /// The message's own timestamp, its id in the channel.
    let ts: String
    /// The thread it was posted in, if any.
    let threadTS: String?
    let isMention: Bool

    /// The person's address: one person per user and channel.
    var address: String { "\(channel):\(user)" }

    /// Where replies to a mention go: its thread, or the thread it starts; nil (the channel itself)
    /// for a direct message.
    var replyThread: String? { isMention ? threadTS ?? ts : nil }

    /// The message an event carries for the worlds; nil for what Parley ignores: messages from
    /// bots (`bot_id`, or the bot's own `botUserID`), edits, deletions and other subtypes,
    /// messages in channels that do not mention the bot, and other event types.
    init?(event: JSONValue, botUserID: String?) {
        guard event["bot_id"] == nil, event["subtype"] == nil,
            let channel = event["channel"]?.stringValue, !channel.isEmpty,
            let user = event["user"]?.stringValue, !user.isEmpty, user != botUserID,
            let ts = event["ts"]?.stringValue
        else { return nil }
        switch event["type"]?.stringValue {
        case "message" where event["channel_type"]?.stringValue == "im": isMention = false
        case "app_mention": isMention = true
        default: return nil
        }
        self.channel = channel
        self.user = user
        self.ts = ts
        threadTS = event["thread_ts"]?.stringValue
        let raw = event["text"]?.stringValue ?? ""
        text = Self.unescaped(Self.removingMentions(of: botUserID, from: raw))
    }

    /// `text` without the bot's mentions (`<@BOT>` or `<@BOT|name>`); when the bot's id is not
    /// known, without the mentions it starts with.
    static func removingMentions(of botUserID: String?, from text: String) -> String {
        var kept = ""
        var rest = Substring(text)
        while let open = rest.range(of: "<@"), let close = rest[open.upperBound...].firstIndex(of: ">") {
            let id = rest[open.upperBound..<close].prefix { $0 != "|" }
            kept += rest[..<open.lowerBound]
            rest = rest[rest.index(after: close)...]
            let isBot = botUserID.map { id == $0 } ?? kept.allSatisfy(\.isWhitespace)
            if !isBot {
                kept += rest.base[open.lowerBound...close]
            } else if kept.last?.isWhitespace ?? true, rest.first?.isWhitespace == true {
                rest = rest.dropFirst()
            }
        }
        kept += rest
        return kept.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Slack's escapes of `&`, `<` and `>` undone.
    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
