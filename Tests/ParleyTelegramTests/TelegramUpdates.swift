import ParleyCore
import ParleyTelegram

/// Telegram updates as the Bot API sends them, for the tests.
enum TelegramUpdates {
    /// Ann's user id; her private chat has the same id.
    static let ann = 1001
    static let bob = 1002
    /// A supergroup both are in.
    static let group = -100_200_300

    /// A message update: `text` from `user` in their private chat, or in `chat` (a supergroup);
    /// `entities`, `replyTo` (the author of the message replied to), a photo or document as given.
    static func message(
        _ id: Int, _ text: String?, from user: Int = ann, in chat: Int? = nil, entities: [JSONValue] = [], replyTo: Int? = nil,
        photo: String? = nil, document: (id: String, name: String)? = nil
    ) -> JSONValue {
        var message: [String: JSONValue] = [
            "message_id": .number(Double(id * 10)), "date": 1_700_000_000,
            "from": ["id": .number(Double(user)), "is_bot": false, "first_name": .string("User \(user)")],
            "chat": chat.map { ["id": .number(Double($0)), "type": "supergroup", "title": "Parley fans"] }
                ?? ["id": .number(Double(user)), "type": "private", "first_name": .string("User \(user)")],
        ]
        if let text { message[photo == nil && document == nil ? "text" : "caption"] = .string(text) }
        if !entities.isEmpty { message[photo == nil && document == nil ? "entities" : "caption_entities"] = .array(entities) }
        if let replyTo {
            message["reply_to_message"] = ["message_id": 1, "date": 0, "from": ["id": .number(Double(replyTo)), "is_bot": true, "first_name": "Bot"]]
        }
        if let photo {
            message["photo"] = [
                ["file_id": .string(photo + "-small"), "file_unique_id": "s", "width": 90, "height": 90],
                ["file_id": .string(photo), "file_unique_id": "l", "width": 800, "height": 800],
            ]
        }
        if let document {
            message["document"] = ["file_id": .string(document.id), "file_unique_id": "d", "file_name": .string(document.name), "mime_type": "application/pdf"]
        }
        return ["update_id": .number(Double(id)), "message": .object(message)]
    }

    /// An entity of `type` over `text` found in `message` (offsets in UTF-16 code units).
    static func entity(_ type: String, _ text: String, in message: String) -> JSONValue {
        let units = Array(message.utf16)
        let needle = Array(text.utf16)
        let offset = (0...(units.count - needle.count)).first { Array(units[$0..<($0 + needle.count)]) == needle } ?? 0
        return ["type": .string(type), "offset": .number(Double(offset)), "length": .number(Double(needle.count))]
    }

    /// A text message whose mentions (`@name`) and leading command carry their entities.
    static func addressed(_ id: Int, _ text: String, from user: Int = ann, in chat: Int? = nil) -> JSONValue {
        var entities: [JSONValue] = []
        if text.hasPrefix("/"), let command = text.split(separator: " ").first {
            entities.append(entity("bot_command", String(command), in: text))
        }
        for word in text.split(separator: " ") where word.hasPrefix("@") {
            entities.append(entity("mention", String(word), in: text))
        }
        return message(id, text, from: user, in: chat, entities: entities)
    }

    /// A tap on the button with `data` of the bot message `sent` (a recorded `sendMessage`), by `user`.
    static func tap(_ id: Int, data: String, on sent: FakeTelegramAPI.Call, from user: Int = ann) -> JSONValue {
        let chatID = sent.chatID ?? user
        let chat: JSONValue = chatID == user ? ["id": .number(Double(chatID)), "type": "private"] : ["id": .number(Double(chatID)), "type": "supergroup"]
        return [
            "update_id": .number(Double(id)),
            "callback_query": [
                "id": .string("query-\(id)"), "chat_instance": "42", "data": .string(data),
                "from": ["id": .number(Double(user)), "is_bot": false, "first_name": .string("User \(user)")],
                "message": [
                    "message_id": 77, "date": 1_700_000_000, "chat": chat, "text": .string(sent.text ?? ""),
                    "from": ["id": .number(Double(FakeTelegramAPI.bot.id)), "is_bot": true, "first_name": "Parley Test"],
                    "reply_markup": sent.body["reply_markup"] ?? .null,
                ],
            ],
        ]
    }
}
