import ParleyCore
import ParleyWorlds

/// One message a WebSocket client sent, decoded from its JSON text frame.
///
/// ParlAI's shape: a JSON object whose `text` (default "") and `payload` (default null) are read and
/// whose other keys are ignored. Parley adds the optional `session` key (see ``SessionRequest``).
public struct ClientFrame: Sendable, Hashable {
    /// The text; "" when the frame has none.
    public var text: String
    /// The payload; nil when the frame has none.
    public var payload: JSONValue?
    /// What the client asked about its session; nil for ParlAI clients, which never send `session`.
    public var session: SessionRequest?
    /// True when the frame carries only a `session` key: it asks for a session and says nothing.
    public var isSessionOnly: Bool

    public init(text: String = "", payload: JSONValue? = nil, session: SessionRequest? = nil, isSessionOnly: Bool = false) {
        self.text = text
        self.payload = payload
        self.session = session
        self.isSessionOnly = isSessionOnly
    }

    /// The act this frame says, as the worlds see it.
    public var message: Message {
        Message(text: text, payload: payload)
    }

    /// Decodes a text frame; throws an error whose description tells the client what was wrong.
    public static func decode(_ frameText: String) throws(FrameError) -> ClientFrame {
        let value: JSONValue
        do {
            value = try JSONValue.parse(frameText)
        } catch {
            throw .notJSON
        }
        guard let members = value.objectValue else {
            throw .notAnObject
        }
        var frame = ClientFrame()
        switch members["text"] {
        case nil, .null?: break
        case .string(let text)?: frame.text = text
        case let other?: throw .wrongType(key: "text", expected: "a string", found: other)
        }
        switch members["payload"] {
        case nil, .null?: break
        case let payload?: frame.payload = payload
        }
        switch members["session"] {
        case nil: break
        case .null?: frame.session = .new
        case .string(let token)?: frame.session = token.isEmpty ? .new : .resume(token: token)
        case let other?: throw .wrongType(key: "session", expected: "a string or null", found: other)
        }
        frame.isSessionOnly = frame.session != nil && members["text"] == nil && members["payload"] == nil
        return frame
    }
}
