import ParleyCore
import ParleyWorlds

/// One frame the server sends to a WebSocket client.
///
/// ParlAI's exact shape, `{"text": "...", "quick_replies": [...] or null}` plus `payload` when the act
/// has one; `session` is added only for clients that asked for a session, and `seq` (the message's
/// number) only for clients that asked for acknowledgements.
public struct ServerFrame: Sendable, Hashable {
    public var text: String
    public var payload: JSONValue?
    public var quickReplies: [String]?
    /// The client's session token, for clients that asked for one.
    public var session: String?
    /// The message's number, for clients that acknowledge what they keep.
    public var sequence: Int?

    public init(
        text: String, payload: JSONValue? = nil, quickReplies: [String]? = nil, session: String? = nil, sequence: Int? = nil
    ) {
        self.text = text
        self.payload = payload
        self.quickReplies = quickReplies
        self.session = session
        self.sequence = sequence
    }

    /// The frame that carries a world's act.
    public init(_ message: Message, session: String? = nil, sequence: Int? = nil) {
        self.init(
            text: message.text, payload: message.payload, quickReplies: message.quickReplies, session: session,
            sequence: sequence)
    }

    /// The JSON text sent on the wire.
    public var jsonText: String {
        var members: [String: JSONValue] = [
            "text": .string(text),
            "quick_replies": quickReplies.map { .array($0.map(JSONValue.string)) } ?? .null,
        ]
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
