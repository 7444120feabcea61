import ParleyCore
import ParleyWorlds

/// One message a WebSocket client sent, decoded from its JSON text frame.
///
/// ParlAI's shape: a JSON object whose `text` (default "") and `payload` (default null) are read and
/// whose other keys are ignored. Parley adds optional keys that ParlAI clients never send:
/// `session` (see ``SessionRequest``); `person`, the chat page's person key; `features`, the extensions the client understands
/// (`"typing"`: typing frames `{"typing": true}` and `{"typing": false}` both ways, the client's
/// shown to the others in its world; `"ack"`: numbered, acknowledged messages both ways; `"rich"`:
/// speakers, titled quick replies and status frames, see ``ServerFrame``); for `ack` clients, `seq`
/// (this message's number) and `ack` (the number of the last server message the client has kept);
/// `typing`, the client's own typing; `leave: true`, sent as the page closes: the person's
/// partners are told at once, and the person has ``RuntimeOptions/leaveGrace`` to come back; and
/// `task`, the task a new conversation starts in, without the overworld's menu.
public struct ClientFrame: Sendable, Hashable {
    /// The text; "" when the frame has none.
    public var text: String
    /// The payload; nil when the frame has none.
    public var payload: JSONValue?
    /// What the client asked about its session; nil for ParlAI clients, which never send `session`.
    public var session: SessionRequest?
    /// The extensions the client asked for; nil when it sent no `features` key.
    public var features: Set<String>?
    /// The chat page's person key (`person`): the secret its person's id is derived from.
    public var personKey: String?
    /// The client's number for this message (1, 2, ...), so that a message sent again is taken once.
    public var sequence: Int?
    /// The number of the last server message the client has kept: everything up to it is acknowledged.
    public var acknowledged: Int?
    /// The client's typing (`typing`), nil when the frame does not say.
    public var typing: Bool?
    /// True when the client says it is closing (`leave: true`).
    public var isLeaving = false
    /// The task the client's new conversation starts in (`task`).
    public var task: String?
    /// True when the frame carries only `session`, `features`, `ack`, `person`, `typing` or `leave`:
    /// it sets the connection up and says nothing.
    public var isControlOnly: Bool

    public init(
        text: String = "", payload: JSONValue? = nil, session: SessionRequest? = nil, features: Set<String>? = nil,
        sequence: Int? = nil, acknowledged: Int? = nil, isControlOnly: Bool = false
    ) {
        self.text = text
        self.payload = payload
        self.session = session
        self.features = features
        self.sequence = sequence
        self.acknowledged = acknowledged
        self.isControlOnly = isControlOnly
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
        switch members["features"] {
        case nil: break
        case .array(let items)? where items.allSatisfy({ $0.stringValue != nil }):
            frame.features = Set(items.compactMap(\.stringValue))
        case let other?: throw .wrongType(key: "features", expected: "a list of strings", found: other)
        }
        switch members["person"] {
        case nil, .null?: break
        case .string(let key)? where PersonKey.isValid(key): frame.personKey = key
        case let other?: throw .wrongType(key: "person", expected: "20 to 200 letters, digits, - or _", found: other)
        }
        frame.sequence = try counter(members, "seq")
        frame.acknowledged = try counter(members, "ack")
        frame.typing = try flag(members, "typing")
        frame.isLeaving = try flag(members, "leave") ?? false
        switch members["task"] {
        case nil, .null?: break
        case .string(let task)? where (1...100).contains(task.count): frame.task = task
        case let other?: throw .wrongType(key: "task", expected: "a task name of 1 to 100 characters", found: other)
        }
        frame.isControlOnly =
            (frame.session != nil || frame.features != nil || frame.acknowledged != nil || frame.personKey != nil
                || frame.typing != nil || frame.isLeaving || frame.task != nil)
            && members["text"] == nil && members["payload"] == nil
        return frame
    }

    /// A true or false, or nil when the key is absent or null.
    private static func flag(_ members: [String: JSONValue], _ key: String) throws(FrameError) -> Bool? {
        switch members[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case let other?: throw .wrongType(key: key, expected: "true or false", found: other)
        }
    }

    /// A message number: a whole number from 0 to 2^53, or nil when the key is absent or null.
    private static func counter(_ members: [String: JSONValue], _ key: String) throws(FrameError) -> Int? {
        switch members[key] {
        case nil, .null?:
            return nil
        case .number(let number)? where number >= 0 && number <= 9_007_199_254_740_992 && number == number.rounded():
            return Int(number)
        case let other?:
            throw .wrongType(key: key, expected: "a whole number from 0 up", found: other)
        }
    }
}
