import Foundation
import ParleyCore
import ParleyWorlds

/// Turns a world's act into `chat.postMessage` bodies for one channel (and thread), as for
/// Messenger: text is prefixed with the act's `id` (`World: hello`) and split in chunks, shown as
/// written (no Slack markup), and quick replies become Block Kit buttons on the last chunk. An
/// image payload (`{type: image, url}` or `{type: image, payload: {url}}`) goes out as an image
/// block, and cards (``Card``) as a message each: a section with the picture beside the title and
/// text, and the card's buttons (replies, or links that open) below. Buttons show their titles and
/// send back their choices.
enum SlackOutgoing {
    /// The longest text one message carries: Slack's limit for a section block's text.
    static let chunkLimit = 3000
    /// The most buttons one actions block holds.
    static let buttonLimit = 25
    /// The longest button label Slack shows.
    static let labelLimit = 75
    /// The longest button value Slack accepts.
    static let valueLimit = 2000
    /// The ids of the blocks Parley sends, and the start of its buttons' action ids.
    static let textBlockID = "parley-text"
    static let choicesBlockID = "parley-choices"
    static let actionIDPrefix = "parley-choice-"

    /// The `chat.postMessage` bodies to send, in order; `problems` says what could not be sent as asked.
    static func bodies(for message: Message, channel: String, thread: String?) -> (bodies: [JSONValue], problems: [String]) {
        var problems: [String] = []
        var texts: [String] = []
        if !message.text.isEmpty {
            let text = if let id = message.id, !id.isEmpty { "\(id): \(message.text)" } else { message.text }
            texts = chunks(of: text)
        }
        var contents: [[String: JSONValue]] = texts.map { ["text": .string(escaped($0))] }
        if let cards = message.cards {
            contents += cards.map(card)
        } else if let payload = message.shownPayload {
            if let url = imageURL(payload) {
                contents.append(["text": "image", "blocks": [["type": "image", "image_url": .string(url), "alt_text": "image"]]])
            } else {
                problems.append("the payload is not an image Slack can show ({type: image, url}): \(payload.jsonText())")
            }
        }
        if contents.isEmpty, problems.isEmpty { problems.append("the message has no text and no payload") }
        if let replies = message.quickReplies, !replies.isEmpty {
            if let last = texts.last {
                if replies.count > buttonLimit {
                    problems.append("\(replies.count) quick replies, Slack shows \(buttonLimit): the rest were left out")
                }
                let section: JSONValue = [
                    "type": "section", "block_id": .string(textBlockID), "text": ["type": "plain_text", "text": .string(last)],
                ]
                let shown = replies.prefix(buttonLimit).map { (title: message.title(of: $0), value: $0) }
                contents[texts.count - 1]["blocks"] = [section, choices(shown)]
            } else {
                problems.append("quick replies need text to go with them on Slack: \(replies.count) left out")
            }
        }
        let bodies = contents.map { content -> JSONValue in
            var body = content
            body["channel"] = .string(channel)
            body["mrkdwn"] = false
            if let thread { body["thread_ts"] = .string(thread) }
            return .object(body)
        }
        return (bodies, problems)
    }

    /// The `chat.update` body that replaces the buttons of `tap`'s message with the choice made.
    static func choiceMade(_ tap: SlackInteraction) -> JSONValue {
        let chosen: JSONValue = ["type": "context", "elements": [["type": "plain_text", "text": .string("You chose: \(tap.value)")]]]
        var blocks = tap.message["blocks"]?.arrayValue ?? []
        if let index = blocks.firstIndex(where: { $0["block_id"]?.stringValue == choicesBlockID }) {
            blocks[index] = chosen
        } else {
            blocks.append(chosen)
        }
        return [
            "channel": .string(tap.channel), "ts": .string(tap.messageTS), "text": tap.message["text"] ?? .string(escaped(tap.value)),
            "blocks": .array(blocks),
        ]
    }

    /// `text` in messages of at most ``chunkLimit`` characters (``TextChunks``).
    static func chunks(of text: String) -> [String] {
        TextChunks.split(text, limit: chunkLimit)
    }

    /// `text` with `&`, `<` and `>` escaped, as Slack wants message text.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// An actions block with a button per choice: its title cut to fit with an ellipsis, its value
    /// the choice.
    private static func choices(_ replies: [(title: String, value: String)]) -> JSONValue {
        let buttons = replies.enumerated().map { index, choice in
            button(actionID: "\(actionIDPrefix)\(index)", title: choice.title, value: choice.value, url: nil)
        }
        return ["type": "actions", "block_id": .string(choicesBlockID), "elements": .array(buttons)]
    }

    /// A button: its title cut to fit with an ellipsis; it sends `value` back or opens `url`.
    private static func button(actionID: String, title: String, value: String?, url: String?) -> JSONValue {
        let label = title.count > labelLimit ? String(title.prefix(labelLimit - 1)) + "…" : title
        var button: [String: JSONValue] = [
            "type": "button", "action_id": .string(actionID),
            "text": ["type": "plain_text", "text": .string(label.isEmpty ? " " : label)],
        ]
        if let value, !value.isEmpty { button["value"] = .string(String(value.prefix(valueLimit))) }
        if let url { button["url"] = .string(url) }
        return .object(button)
    }

    /// One card's message: its title and text in a section (its picture beside them), its buttons below.
    private static func card(_ card: Card) -> [String: JSONValue] {
        let words = [card.title, card.text ?? ""].filter { !$0.isEmpty }.joined(separator: "\n")
        var section: [String: JSONValue] = ["type": "section", "text": ["type": "plain_text", "text": .string(String(words.prefix(chunkLimit)))]]
        if let image = card.imageURL, image.hasPrefix("https://") || image.hasPrefix("http://") {
            section["accessory"] = ["type": "image", "image_url": .string(image), "alt_text": .string(card.title)]
        }
        var blocks: [JSONValue] = [.object(section)]
        let buttons = card.buttons.prefix(buttonLimit).enumerated().map { index, button in
            switch button.action {
            case .reply(let reply): Self.button(actionID: "\(actionIDPrefix)\(index)", title: button.title, value: reply, url: nil)
            // Not a choice: its tap (Slack reports it too) sends nothing.
            case .link(let url): Self.button(actionID: "parley-link-\(index)", title: button.title, value: nil, url: url)
            }
        }
        if !buttons.isEmpty { blocks.append(["type": "actions", "block_id": .string(choicesBlockID), "elements": .array(buttons)]) }
        return ["text": .string(escaped(words)), "blocks": .array(blocks)]
    }

    /// The address of an image payload; nil when the payload is not an image with an http(s) URL.
    private static func imageURL(_ payload: JSONValue) -> String? {
        guard payload["type"]?.stringValue == "image",
            let url = payload["url"]?.stringValue ?? payload["payload"]?["url"]?.stringValue,
            url.hasPrefix("https://") || url.hasPrefix("http://")
        else { return nil }
        return url
    }
}
