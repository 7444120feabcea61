import Foundation
import ParleyCore
import ParleyWorlds

/// One `messaging[]` item of a webhook post that Parley acts on: a message or a postback.
struct MessengerEvent: Sendable, Equatable {
    /// The sender's page-scoped id (PSID).
    let psid: String
    /// The message id (`mid`) used to drop redelivered events; nil for events without one.
    let mid: String?
    /// What the person sent, as the worlds get it: the text first, then one message per
    /// attachment, whose payload is the Messenger attachment (`{type, payload}`).
    let messages: [Message]

    /// The events of a webhook body, in order, from every `entry[]` and every `messaging[]`.
    /// Echoes of the page's own messages, entries for a page other than `pageID` (when given) and
    /// items Parley does not handle are left out.
    /// Throws ``MessengerEventError`` when the body is not a page webhook object.
    static func events(in body: JSONValue, pageID: String?) throws(MessengerEventError) -> [MessengerEvent] {
        guard case .object = body else { throw MessengerEventError("the body is not a JSON object") }
        guard body["object"]?.stringValue == "page" else {
            throw MessengerEventError("\"object\" is \(body["object"].map { $0.jsonText() } ?? "missing"), expected \"page\"")
        }
        guard case .array(let entries) = body["entry"] else { throw MessengerEventError("\"entry\" is not an array") }
        var events: [MessengerEvent] = []
        for (index, entry) in entries.enumerated() {
            if let pageID, let entryPage = entry["id"].flatMap(id), entryPage != pageID { continue }
            guard case .array(let items) = entry["messaging"] else {
                if entry["messaging"] == nil { continue }
                throw MessengerEventError("entry[\(index)].messaging is not an array")
            }
            events += items.compactMap(event)
        }
        return events
    }

    /// The event one `messaging[]` item stands for; nil for echoes and items Parley ignores.
    private static func event(_ item: JSONValue) -> MessengerEvent? {
        guard let psid = item["sender"]?["id"].flatMap(id) else { return nil }
        if let message = item["message"], message.objectValue != nil {
            if message["is_echo"] == .bool(true) { return nil }
            let text = message["quick_reply"]?["payload"]?.stringValue ?? message["text"]?.stringValue ?? ""
            var messages = text.isEmpty ? [] : [Message(text: text)]
            if case .array(let attachments) = message["attachments"] {
                messages += attachments.map { Message(payload: $0) }
            }
            if messages.isEmpty { return nil }
            return MessengerEvent(psid: psid, mid: message["mid"]?.stringValue, messages: messages)
        }
        if let postback = item["postback"], postback.objectValue != nil {
            let text = postback["payload"]?.stringValue ?? postback["title"]?.stringValue ?? ""
            return MessengerEvent(psid: psid, mid: postback["mid"]?.stringValue, messages: [Message(text: text)])
        }
        // Delivery and read receipts, reactions and the like: nothing for the worlds.
        return nil
    }

    /// An id given as a string or a number.
    private static func id(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text) where !text.isEmpty: text
        case .number(let number) where number == number.rounded(): String(format: "%.0f", number)
        default: nil
        }
    }
}
