import ParleyCore
import ParleyWorlds

/// One frame the server sends to a WebSocket client.
///
/// ParlAI's exact shape, `{"text": "...", "quick_replies": [...] or null}` plus `payload` when the act
/// has one; `session` is added only for clients that asked for a session, and `seq` (the message's
/// number) only for clients that asked for acknowledgements. Clients that asked for `rich` frames
/// also get `from` (`{"role": "person" | "bot" | "operator" | "notice" | "world", "name": ...}`)
/// and, when a quick reply has a title of its own, `replies` (`[{"title": ..., "value": ...}]`).
public struct ServerFrame: Sendable, Hashable {
    public var text: String
    public var payload: JSONValue?
    public var quickReplies: [String]?
    /// The client's session token, for clients that asked for one.
    public var session: String?
    /// The message's number, for clients that acknowledge what they keep.
    public var sequence: Int?
    /// Who speaks and the titled quick replies, for clients that asked for rich frames.
    public var rich: [String: JSONValue]

    public init(
        text: String, payload: JSONValue? = nil, quickReplies: [String]? = nil, session: String? = nil, sequence: Int? = nil
    ) {
        self.text = text
        self.payload = payload
        self.quickReplies = quickReplies
        self.session = session
        self.sequence = sequence
        self.rich = [:]
    }

    /// The frame that carries a world's act; with `rich`, its speaker, quick reply titles and the
    /// password prompt's payload too (without, an operator's text starts with their name).
    public init(_ message: Message, session: String? = nil, sequence: Int? = nil, rich: Bool = false) {
        let payload = rich || message.payload?["type"]?.stringValue != "password" ? message.payload : nil
        self.init(
            text: rich ? message.text : message.shownText, payload: payload, quickReplies: message.quickReplies,
            session: session, sequence: sequence)
        guard rich else { return }
        var from: [String: JSONValue] = ["role": .string(message.role?.rawValue ?? "world")]
        if let id = message.id, !id.isEmpty { from["name"] = .string(id) }
        self.rich["from"] = .object(from)
        if let titles = message.quickReplyTitles, !titles.isEmpty, let choices = message.quickReplies {
            self.rich["replies"] = .array(choices.map { ["title": .string(message.title(of: $0)), "value": .string($0)] })
        }
    }

    /// The status frame for a rich client: `{"status": "waiting", "task": ...}`,
    /// `{"status": "paired", "with": [names]}`, `{"status": "away" | "back" | "left", "name": ...}`
    /// or `{"status": "clear"}`.
    public static func statusText(_ status: PersonStatus) -> String {
        let members: [String: JSONValue] =
            switch status {
            case .waiting(let task): ["status": "waiting", "task": .string(task)]
            case .paired(let names): ["status": "paired", "with": .array(names.map(JSONValue.string))]
            case .partnerAway(let name): ["status": "away", "name": .string(name)]
            case .partnerBack(let name): ["status": "back", "name": .string(name)]
            case .partnerLeft(let name): ["status": "left", "name": .string(name)]
            case .clear: ["status": "clear"]
            }
        return JSONValue.object(members).jsonText()
    }

    /// The JSON text sent on the wire.
    public var jsonText: String {
        var members: [String: JSONValue] = rich
        members.merge([
            "text": .string(text),
            "quick_replies": quickReplies.map { .array($0.map(JSONValue.string)) } ?? .null,
        ]) { _, new in new }
        if let payload {
            members["payload"] = payload
        }
        if let session {
            members["session"] = .string(session)
        }
        if let sequence {
            members["seq"] = .number(Double(sequence))
        }
        return JSONValue.object(members).jsonText()
    }
}
