import ParleyCore
import ParleyWorlds
import NIOWebSocket

/// What a connection's writer sends next, in order.
enum OutboundFrame: Sendable {
    /// A world's act for the person, with its number; the channel keeps it until it is written, or
    /// for `ack` clients until the client acknowledges it.
    case message(Message, sequence: Int, channel: WebSocketPersonChannel)
    /// A line from the service itself (an error in the client's message, a session notice).
    case notice(String, session: String?)
    /// Show or hide the typing indicator (only for clients that asked for typing frames).
    case typing(Bool)
    /// The person's status (only for clients that asked for rich frames).
    case status(PersonStatus)
    /// Tell an `ack` client that its messages up to this number are stored (or used without a record).
    case acknowledge(Int)
    /// Tell an `ack` client of a person restored after a restart that the next message is numbered
    /// one more than this, whatever numbers it saw before.
    case renumber(Int)
    /// Close the socket with a close frame.
    case close(WebSocketErrorCode = .normalClosure, reason: String?)

    /// About how many bytes the frame holds while it waits: what the outgoing queues are bounded by.
    var byteCount: Int {
        switch self {
        case .message(let message, _, _): Self.overhead + message.byteCount
        case .notice(let text, _): Self.overhead + text.utf8.count
        case .typing, .acknowledge, .renumber, .close: Self.overhead
        case .status(let status): Self.overhead + status.byteCount
        }
    }

    /// What a queued frame costs besides its text: the enum, references and the JSON around it.
    static let overhead = 64
}

extension Message {
    /// About how many bytes the message's text, quick replies and payload hold.
    var byteCount: Int {
        text.utf8.count + (quickReplies?.reduce(0) { $0 + $1.utf8.count + 8 } ?? 0)
            + (quickReplyTitles?.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 16 } ?? 0) + (payload?.byteCount ?? 0)
    }
}

extension PersonStatus {
    /// About how many bytes the names it holds take.
    var byteCount: Int {
        switch self {
        case .waiting(let text), .partnerAway(let text), .partnerBack(let text), .partnerLeft(let text): text.utf8.count
        case .paired(let names): names.reduce(0) { $0 + $1.utf8.count + 8 }
        case .clear: 0
        }
    }
}

extension JSONValue {
    /// About how many bytes the value holds (its strings' bytes and a few for everything else).
    var byteCount: Int {
        switch self {
        case .null, .bool, .number: 8
        case .string(let text): text.utf8.count + 8
        case .array(let items): items.reduce(8) { $0 + $1.byteCount }
        case .object(let members): members.reduce(8) { $0 + $1.key.utf8.count + $1.value.byteCount }
        }
    }
}
