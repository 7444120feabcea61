import ParleyCore
import ParleyWorlds

/// What one Telegram update brings the worlds: a message, or a tap on an inline keyboard button.
///
/// A person is a Telegram user in a chat: the chat id in a private chat, `CHAT:USER` in a group
/// (each member of a group is a person of their own, answered in the group). In private chats
/// every message counts; in groups only those addressed to the bot: mentioning it (the mention
/// is taken out of the text), replying to one of its messages, or a command (`/echo`, or
/// `/echo@bot` naming this bot). A command reaches the worlds without its slash and bot name
/// (`/start` as `start`). Photos and documents come as payloads after the text (the caption).
struct TelegramEvent: Sendable, Equatable {
    /// The update's id, which tells a redelivered update.
    let updateID: Int
    /// The person's address (see above).
    let address: String
    /// What reaches the worlds: the text first, then a photo or document.
    let messages: [Message]
    /// The button tap to answer (`answerCallbackQuery`), if this is one.
    let callbackQueryID: String?

    /// The event `update` stands for; nil when there is nothing for the worlds (an update of
    /// another kind, a group message not addressed to `bot`, the bot's own messages).
    init?(update: JSONValue, bot: TelegramBot) {
        guard let updateID = update["update_id"]?.intValue else { return nil }
        if let message = update["message"], message.objectValue != nil {
            guard let (address, messages) = Self.incoming(message, bot: bot) else { return nil }
            self.init(updateID: updateID, address: address, messages: messages, callbackQueryID: nil)
        } else if let query = update["callback_query"], let queryID = query["id"]?.stringValue {
            guard let userID = query["from"]?["id"]?.intValue, let chat = query["message"]?["chat"],
                let address = Self.address(chat: chat, userID: userID)
            else { return nil }
            let text = Self.buttonText(query)
            self.init(updateID: updateID, address: address, messages: text.map { [Message(text: $0)] } ?? [], callbackQueryID: queryID)
        } else {
            return nil
        }
    }

    init(updateID: Int, address: String, messages: [Message], callbackQueryID: String?) {
        self.updateID = updateID
        self.address = address
        self.messages = messages
        self.callbackQueryID = callbackQueryID
    }

    /// The chat an address sends to.
    static func chatID(of address: String) -> Int? {
        address.split(separator: ":").first.flatMap { Int($0) }
    }

    /// The person's address for a user in `chat`; nil when the chat has no id.
    private static func address(chat: JSONValue, userID: Int) -> String? {
        guard let chatID = chat["id"]?.intValue else { return nil }
        return chat["type"]?.stringValue == "private" ? "\(chatID)" : "\(chatID):\(userID)"
    }

    /// The address and messages of a Telegram message; nil when it is not for the worlds.
    private static func incoming(_ message: JSONValue, bot: TelegramBot) -> (String, [Message])? {
        guard let userID = message["from"]?["id"]?.intValue, userID != bot.id, let chat = message["chat"],
            let address = address(chat: chat, userID: userID)
        else { return nil }
        let isPrivate = chat["type"]?.stringValue == "private"
        guard isPrivate || ["group", "supergroup"].contains(chat["type"]?.stringValue) else { return nil }
        let raw = message["text"]?.stringValue ?? message["caption"]?.stringValue ?? ""
        let entities = (message["entities"] ?? message["caption_entities"])?.arrayValue ?? []
        let reading = TelegramText(raw, entities: entities, bot: bot)
        let isReplyToBot = message["reply_to_message"]?["from"]?["id"]?.intValue == bot.id
        guard isPrivate || reading.isAddressed || isReplyToBot else { return nil }
        var messages = reading.text.isEmpty ? [] : [Message(text: reading.text)]
        if let sizes = message["photo"]?.arrayValue, let largest = sizes.last, let fileID = largest["file_id"] {
            messages.append(Message(payload: ["type": "image", "file_id": fileID]))
        }
        if let document = message["document"], let fileID = document["file_id"] {
            var payload: [String: JSONValue] = ["type": "file", "file_id": fileID]
            for key in ["file_name", "mime_type"] { payload[key] = document[key] }
            messages.append(Message(payload: .object(payload)))
        }
        return messages.isEmpty ? nil : (address, messages)
    }

    /// What the tapped button sends: its `callback_data`, the choice itself; for a choice too long to
    /// carry (hashed), the button's text, looked up in the message's keyboard (nil when Telegram no
    /// longer shows it).
    private static func buttonText(_ query: JSONValue) -> String? {
        guard let data = query["data"]?.stringValue else { return nil }
        guard TelegramOutgoing.isHashedChoice(data) else { return data }
        let rows = query["message"]?["reply_markup"]?["inline_keyboard"]?.arrayValue ?? []
        for button in rows.flatMap({ $0.arrayValue ?? [] }) where button["callback_data"]?.stringValue == data {
            if let text = button["text"]?.stringValue { return text }
        }
        return nil
    }
}
