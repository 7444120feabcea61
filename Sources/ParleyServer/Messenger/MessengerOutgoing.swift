import ParleyCore
import ParleyWorlds

/// Turns a world's act into Graph API Send API bodies for one person, as ParlAI does: a payload
/// goes out as an attachment or template (ParlAI's compact `list` as a generic template), text is
/// prefixed with the act's `id` (`World: hello`) and split in chunks, and quick replies ride on the
/// last body, each showing its title and sending back its choice.
enum MessengerOutgoing {
    /// The longest text one Messenger message carries.
    static let chunkLimit = 2000
    /// The most quick replies one message carries.
    static let quickReplyLimit = 13
    /// The longest quick reply title Messenger shows.
    static let titleLimit = 20
    /// The longest quick reply payload Messenger accepts.
    static let payloadLimit = 1000

    /// The bodies to send, in order; `problems` says what could not be sent as asked.
    static func bodies(for message: Message, to psid: String) -> (bodies: [JSONValue], problems: [String]) {
        var problems: [String] = []
        var contents: [[String: JSONValue]] = []
        if let payload = message.shownPayload {
            if let attachment = attachment(payload) {
                contents.append(["attachment": attachment])
            } else {
                problems.append("the payload is not a Messenger attachment ({type, payload} or {type, url}): \(payload.jsonText())")
            }
        } else if message.text.isEmpty {
            problems.append("the message has no text and no payload")
        } else {
            let text = if let id = message.id, !id.isEmpty { "\(id): \(message.text)" } else { message.text }
            contents += chunks(of: text).map { ["text": .string($0)] }
        }
        if let replies = message.quickReplies, !replies.isEmpty, !contents.isEmpty {
            if replies.count > quickReplyLimit {
                problems.append("\(replies.count) quick replies, Messenger shows \(quickReplyLimit): the rest were left out")
            }
            contents[contents.count - 1]["quick_replies"] = .array(
                replies.prefix(quickReplyLimit).map { quickReply($0, title: message.title(of: $0)) })
        }
        let bodies = contents.map { content -> JSONValue in
            ["recipient": ["id": .string(psid)], "messaging_type": "RESPONSE", "message": .object(content)]
        }
        return (bodies, problems)
    }

    /// A sender action body (`typing_on`, `typing_off`, `mark_seen`).
    static func senderAction(_ action: String, to psid: String) -> JSONValue {
        ["recipient": ["id": .string(psid)], "sender_action": .string(action)]
    }

    /// `text` in messages of at most ``chunkLimit`` characters (``TextChunks``).
    static func chunks(of text: String) -> [String] {
        TextChunks.split(text, limit: chunkLimit)
    }

    /// A quick reply button: its title cut to fit with an ellipsis; a tap sends back the full choice.
    private static func quickReply(_ choice: String, title full: String) -> JSONValue {
        let title = full.count > titleLimit ? String(full.prefix(titleLimit - 1)) + "…" : full
        let payload = choice.isEmpty ? " " : String(choice.prefix(payloadLimit))
        return ["content_type": "text", "title": .string(title.isEmpty ? " " : title), "payload": .string(payload)]
    }

    /// The Messenger attachment a payload stands for: `{type, payload}` as is, `{type, url}` for
    /// media, ParlAI's `{type: list, data}` as a generic template.
    private static func attachment(_ payload: JSONValue) -> JSONValue? {
        guard let type = payload["type"]?.stringValue else { return nil }
        if type == "list", let cards = Card.cards(in: payload) {
            return Card.payload(cards)
        }
        if let inner = payload["payload"], inner.objectValue != nil {
            return ["type": .string(type), "payload": inner]
        }
        if ["image", "audio", "video", "file"].contains(type), let url = payload["url"]?.stringValue {
            return ["type": .string(type), "payload": ["url": .string(url), "is_reusable": true]]
        }
        return nil
    }
}
