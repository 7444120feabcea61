import Foundation
import ParleyCore

/// One act in a conversation: what a person, a bot or a world says.
public struct Message: Sendable, Hashable, Codable {
    /// The text; may be empty.
    public var text: String
    /// Any JSON attached to the act, e.g. `{"type": "image", "data": "<base64>", "mime_type": "image/png"}`.
    public var payload: JSONValue?
    /// Choices a service may show as buttons; nil when there are none. A choice tapped comes back
    /// as the person's text.
    public var quickReplies: [String]?
    /// The title a service shows for a quick reply, by choice, where it differs from the choice
    /// itself (`["large": "Large pizza"]`); the choice is what comes back when it is tapped.
    public var quickReplyTitles: [String: String]?
    /// The speaker's name shown by some services (ParlAI's `id`, e.g. "World").
    public var id: String?
    /// Who speaks: set by the runtime for people's, bots', operators' acts and its own notices; nil
    /// for what a world says itself. It holds while `id` stays the one it was set with: a world that
    /// passes an act on under another id (ParlAI's echo: `act.id = "World"`) says it itself.
    public var role: Role? {
        get { speaker?.id == id ? speaker?.role : nil }
        set { speaker = newValue.map { Speaker(role: $0, id: id) } }
    }
    /// The role and the id it was given with.
    private var speaker: Speaker?
    /// True when this act ends the speaker's episode.
    public var episodeDone: Bool

    private struct Speaker: Sendable, Hashable, Codable {
        var role: Role
        var id: String?
    }

    /// Who says a message, as services that show speakers tell them apart.
    public enum Role: String, Sendable, Hashable, Codable {
        /// A person in the world (their `id` is their display name).
        case person
        /// A bot (its `id` is the bot's name).
        case bot
        /// An operator who stepped into the world from the review app.
        case `operator`
        /// The runtime's own notice (pairing, a partner who left, a timeout).
        case notice
    }

    /// A message; worlds usually give `text`, and `quickReplies` and `id` where they help.
    public init(
        text: String = "",
        payload: JSONValue? = nil,
        quickReplies: [String]? = nil,
        quickReplyTitles: [String: String]? = nil,
        id: String? = nil,
        role: Role? = nil,
        episodeDone: Bool = false
    ) {
        self.text = text
        self.payload = payload
        self.quickReplies = quickReplies
        self.quickReplyTitles = quickReplyTitles
        self.id = id
        self.speaker = role.map { Speaker(role: $0, id: id) }
        self.episodeDone = episodeDone
    }

    enum CodingKeys: String, CodingKey {
        case text, payload, id
        case speaker = "role"
        case quickReplies = "quick_replies"
        case quickReplyTitles = "quick_reply_titles"
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
    /// (`{"type": "consent", ...}`) and the password prompt's (`{"type": "password"}`) only tell
    /// clients that read payloads what the message is.
    public var shownPayload: JSONValue? {
        switch payload?["type"]?.stringValue {
        case "consent", "password": nil
        default: payload
        }
    }

    /// The text for services that show no speakers: an operator's text starts with their name.
    public var shownText: String {
        if role == .operator, let id, !id.isEmpty { return "\(id): \(text)" }
        return text
    }

    /// The title shown for the quick reply `choice`: its own, or the choice itself.
    public func title(of choice: String) -> String {
        quickReplyTitles?[choice] ?? choice
    }

    /// True when the text is `EXIT` (any case, surrounding spaces ignored): the word that leaves.
    public var isExit: Bool {
        text.trimmingCharacters(in: .whitespaces).uppercased() == "EXIT"
    }
}
