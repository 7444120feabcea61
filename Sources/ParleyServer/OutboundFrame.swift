import ParleyWorlds

/// What a connection's writer sends next, in order.
enum OutboundFrame: Sendable {
    /// A world's act for the person, with its number; the channel keeps it until it is written, or
    /// for `ack` clients until the client acknowledges it.
    case message(Message, sequence: Int, channel: WebSocketPersonChannel)
    /// A line from the service itself (an error in the client's message, a session notice).
    case notice(String, session: String?)
    /// Show or hide the typing indicator (only for clients that asked for typing frames).
    case typing(Bool)
    /// Tell an `ack` client that its messages up to this number arrived.
    case acknowledge(Int)
    /// Close the socket with a close frame.
    case close(reason: String?)
}
