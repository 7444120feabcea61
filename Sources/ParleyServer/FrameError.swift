import ParleyCore

/// Why a client's WebSocket message was not accepted; the description is sent back in an error frame.
public enum FrameError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not JSON.
    case notJSON
    /// The JSON is not an object.
    case notAnObject
    /// A known key holds a value of the wrong type.
    case wrongType(key: String, expected: String, found: JSONValue)
    /// The message is larger than the limit.
    case tooLarge(size: Int, limit: Int)
    /// The message is a binary frame.
    case binary
    /// A continuation frame came without a message to continue.
    case strayContinuation
    /// A text message is not valid UTF-8; the connection is closed with code 1007.
    case invalidUTF8

    public var description: String {
        let shape = #"Send a JSON object such as {"text": "hello"}."#
        switch self {
        case .notJSON:
            return "Your message was not understood: it is not JSON. \(shape)"
        case .notAnObject:
            return "Your message was not understood: it is JSON but not an object. \(shape)"
        case .wrongType(let key, let expected, let found):
            return "Your message was not understood: \"\(key)\" must be \(expected), not \(found.jsonText()). \(shape)"
        case .tooLarge(let size, let limit):
            return "Your message was refused: it is \(size) bytes, more than the limit of \(limit) bytes."
        case .binary:
            return "Your message was not understood: it is a binary frame. \(shape.dropLast()) in a text frame."
        case .strayContinuation:
            return "Your message was not understood: a continuation frame came without a first frame. \(shape)"
        case .invalidUTF8:
            return "Your message was refused: its text is not valid UTF-8."
        }
    }
}
