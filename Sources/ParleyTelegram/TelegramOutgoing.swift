import Crypto
import Foundation
import ParleyCore
import ParleyWorlds

/// Turns what the worlds send a person into Bot API calls for their chat, as Messenger does with
/// its Send API: text is prefixed with the act's `id` (`World: hello`) and split to fit, an image
/// or file payload goes out as a photo or document, cards (``Card``) as a photo or message each with
/// their buttons as an inline keyboard, and quick replies ride on the last call as an inline
/// keyboard whose buttons show their titles and send their choices back when tapped.
enum TelegramOutgoing {
    /// The longest text one Telegram message carries, in UTF-16 code units.
    static let textLimit = 4096
    /// The longest caption of a photo or document, in UTF-16 code units.
    static let captionLimit = 1024
    /// The longest `callback_data` of a button, in bytes.
    static let callbackDataLimit = 64
    /// The start of a button's `callback_data` that stands for a choice too long to carry.
    static let hashedChoicePrefix = "#"

    /// The calls to make, in order; `problems` says what could not be sent as asked.
    static func requests(for message: Message, chatID: Int) -> (requests: [TelegramRequest], problems: [String]) {
        var problems: [String] = []
        var requests: [TelegramRequest] = []
        let chat = JSONValue.number(Double(chatID))
        let text = if let id = message.id, !id.isEmpty, !message.text.isEmpty { "\(id): \(message.text)" } else { message.text }
        if let cards = message.cards {
            return (cardRequests(cards, text: text, chat: chat), [])
        }
        let media = message.shownPayload.flatMap(Self.media)
        if let payload = message.shownPayload, media == nil {
            problems.append("the payload is not a Telegram photo or file ({type: image or file, url or file_id}): \(payload.jsonText())")
        }
        if let media, !text.isEmpty, text.utf16.count <= captionLimit {
            requests.append(TelegramRequest(method: media.method, body: ["chat_id": chat, media.field: media.source, "caption": .string(text)]))
        } else {
            if !text.isEmpty {
                requests += chunks(of: text).map { TelegramRequest(method: "sendMessage", body: ["chat_id": chat, "text": .string($0)]) }
            }
            if let media {
                requests.append(TelegramRequest(method: media.method, body: ["chat_id": chat, media.field: media.source]))
            }
        }
        if requests.isEmpty, message.shownPayload == nil {
            problems.append("the message has no text and no payload")
        }
        if let choices = message.quickReplies, !choices.isEmpty, let last = requests.popLast() {
            var body = last.body.objectValue ?? [:]
            let rows = choices.map { choice -> JSONValue in
                [["text": .string(message.title(of: choice)), "callback_data": .string(callbackData(for: choice))]]
            }
            body["reply_markup"] = ["inline_keyboard": .array(rows)]
            requests.append(TelegramRequest(method: last.method, body: .object(body)))
        }
        return (requests, problems)
    }

    /// A card each: a photo with its title and text as the caption (or a message when it has no
    /// picture), its buttons in a column below; the message's own text first.
    private static func cardRequests(_ cards: [Card], text: String, chat: JSONValue) -> [TelegramRequest] {
        var requests = chunks(of: text).filter { !$0.isEmpty }.map {
            TelegramRequest(method: "sendMessage", body: ["chat_id": chat, "text": .string($0)])
        }
        for card in cards {
            let words = [card.title, card.text ?? ""].filter { !$0.isEmpty }.joined(separator: "\n")
            var body: [String: JSONValue] = ["chat_id": chat]
            let method: String
            if let image = card.imageURL, words.utf16.count <= captionLimit {
                (method, body["photo"], body["caption"]) = ("sendPhoto", .string(image), .string(words))
            } else {
                (method, body["text"]) = ("sendMessage", .string(String(words.prefix(textLimit))))
            }
            let rows = card.buttons.map { button -> JSONValue in
                switch button.action {
                case .reply(let reply): [["text": .string(button.title), "callback_data": .string(callbackData(for: reply))]]
                case .link(let url): [["text": .string(button.title), "url": .string(url)]]
                }
            }
            if !rows.isEmpty { body["reply_markup"] = ["inline_keyboard": .array(rows)] }
            requests.append(TelegramRequest(method: method, body: .object(body)))
        }
        return requests
    }

    /// The `sendChatAction` call showing `action` (e.g. `typing`) in the chat.
    static func chatAction(_ action: String, chatID: Int) -> TelegramRequest {
        TelegramRequest(method: "sendChatAction", body: ["chat_id": .number(Double(chatID)), "action": .string(action)])
    }

    /// A button's `callback_data`: the choice itself when it fits in 64 bytes, else `#` and a hash
    /// of it (the tap is then read back from the keyboard's button text).
    static func callbackData(for choice: String) -> String {
        guard choice.isEmpty || choice.utf8.count > callbackDataLimit else { return choice }
        let digest = SHA256.hash(data: Data(choice.utf8))
        return hashedChoicePrefix + digest.prefix(20).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `data` is a hashed choice made by ``callbackData(for:)``.
    static func isHashedChoice(_ data: String) -> Bool {
        data.hasPrefix(hashedChoicePrefix) && data.utf8.count == 41 && data.dropFirst().allSatisfy(\.isHexDigit)
    }

    /// `text` in messages of at most ``textLimit`` UTF-16 code units (``TextChunks``).
    static func chunks(of text: String, limit: Int = textLimit) -> [String] {
        TextChunks.split(text, limit: limit, in: .utf16)
    }

    /// The method, field and file (a URL or a Telegram `file_id`) a payload stands for:
    /// `{type: image}` as a photo, `{type: file}` as a document.
    private static func media(_ payload: JSONValue) -> (method: String, field: String, source: JSONValue)? {
        guard let source = payload["url"] ?? payload["file_id"], source.stringValue != nil else { return nil }
        switch payload["type"]?.stringValue {
        case "image": return ("sendPhoto", "photo", source)
        case "file": return ("sendDocument", "document", source)
        default: return nil
        }
    }
}
