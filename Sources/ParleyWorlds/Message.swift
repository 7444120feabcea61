import Foundation
import ParleyCore

/// One act in a conversation: what a person, a bot or a world says.
public struct Message: Sendable, Hashable, Codable {
    /// The text; may be empty.
    public var text: String
    /// Any JSON attached to the act, e.g. `{"type": "image", "data": "<base64>", "mime_type": "image/png"}`.
    public var payload: JSONValue?
    /// Choices a service may show as buttons; nil when there are none.
    public var quickReplies: [String]?
    /// The speaker's name shown by some services (ParlAI's `id`, e.g. "World").
    public var id: String?
    /// True when this act ends the speaker's episode.
    public var episodeDone: Bool

    /// A message; worlds usually give `text`, and `quickReplies` and `id` where they help.
    public init(
        text: String = "",
        payload: JSONValue? = nil,
        quickReplies: [String]? = nil,
        id: String? = nil,
        episodeDone: Bool = false
    ) {
        self.text = text
        self.payload = payload
        self.quickReplies = quickReplies
        self.id = id
        self.episodeDone = episodeDone
    }

    enum CodingKeys: String, CodingKey {
        case text, payload, id
        case quickReplies = "quick_replies"
        case episodeDone = "episode_done"
    }
}

extension Message {
    /// A button's payload when the person tapped a service's own button rather than typing, such
    /// as Messenger's persistent menu or Get Started (the payload `{"type": "postback", "payload":
    /// ...}`); nil for typed text. The text holds the same payload, for worlds that read text only.
    public var postback: String? {
        guard payload?["type"]?.stringValue == "postback" else { return nil }
        return payload?["payload"]?.stringValue
    }

    /// The payload for a chat service to show, nil for none. The consent notice's payload
    /// (`{"type": "consent", ...}`) only tells clients that read payloads what the message is.
    public var shownPayload: JSONValue? {
        payload?["type"]?.stringValue == "consent" ? nil : payload
    }

    /// True when the text is `EXIT` (any case, surrounding spaces ignored): the word that leaves.
    public var isExit: Bool {
        text.trimmingCharacters(in: .whitespaces).uppercased() == "EXIT"
    }
}
