import Crypto
import Foundation
import ParleyCore
import ParleyWorlds

/// One `messaging[]` item of a webhook post that Parley acts on: a message or a postback.
///
/// A postback (Get Started, a persistent menu item) reaches the worlds with its payload as the
/// text and as `{"type": "postback", "payload": ..., "title": ...}` in the message's payload.
struct MessengerEvent: Sendable, Equatable {
    /// The sender's page-scoped id (PSID).
    let psid: String
    /// The id that tells a redelivered event: the `mid`; for a postback without one, `postback:`
    /// and a hash of its sender, timestamp, payload and title; nil when the event has neither.
    let eventID: String?
    /// What the person sent, as the worlds get it: the text first, then one message per
    /// attachment, whose payload is the Messenger attachment (`{type, payload}`).
    let messages: [Message]

    /// What one webhook post holds for Parley.
    struct Batch: Sendable, Equatable {
        var events: [MessengerEvent] = []
        /// The ids of other pages whose entries were left out.
        var otherPages: Set<String> = []
    }

    /// The events of a webhook body, in order, from every `entry[]` and every `messaging[]`.
    /// Echoes of the page's own messages, entries for a page other than `pageID` (when given) and
    /// items Parley does not handle are left out.
    /// Throws ``MessengerEventError`` when the body is not a page webhook object.
    static func events(in body: JSONValue, pageID: String?) throws(MessengerEventError) -> Batch {
        guard case .object = body else { throw MessengerEventError("the body is not a JSON object") }
        guard body["object"]?.stringValue == "page" else {
            throw MessengerEventError("\"object\" is \(body["object"].map { $0.jsonText() } ?? "missing"), expected \"page\"")
        }
        guard case .array(let entries) = body["entry"] else { throw MessengerEventError("\"entry\" is not an array") }
        var batch = Batch()
        for (index, entry) in entries.enumerated() {
            if let pageID, let entryPage = entry["id"].flatMap(id), entryPage != pageID {
                batch.otherPages.insert(entryPage)
                continue
            }
            guard case .array(let items) = entry["messaging"] else {
                if entry["messaging"] == nil { continue }
                throw MessengerEventError("entry[\(index)].messaging is not an array")
            }
            batch.events += items.compactMap(event)
        }
        return batch
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
            return MessengerEvent(psid: psid, eventID: message["mid"]?.stringValue, messages: messages)
        }
        if let postback = item["postback"], postback.objectValue != nil {
            // The text for worlds that read text (the overworld takes it as a choice), the
            // payload for worlds that tell a button from typing.
            let text = postback["payload"]?.stringValue ?? postback["title"]?.stringValue ?? ""
            let eventID = postback["mid"]?.stringValue ?? postbackHash(item, psid: psid)
            let payload: JSONValue = ["type": "postback", "payload": .string(text), "title": postback["title"] ?? .null]
            return MessengerEvent(psid: psid, eventID: eventID, messages: [Message(text: text, payload: payload)])
        }
        // Delivery and read receipts, reactions and the like: nothing for the worlds.
        return nil
    }

    /// `postback:` and the hex SHA-256 of a postback's sender, timestamp, payload and title; nil
    /// without a timestamp, since two taps of one button would then look alike.
    private static func postbackHash(_ item: JSONValue, psid: String) -> String? {
        guard let timestamp = item["timestamp"].flatMap(id) else { return nil }
        let postback = item["postback"]
        let fields: JSONValue = [
            .string(psid), .string(timestamp), postback?["payload"] ?? .null, postback?["title"] ?? .null,
        ]
        let digest = SHA256.hash(data: Data(fields.jsonText().utf8))
        return "postback:" + digest.map { String(format: "%02x", $0) }.joined()
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
