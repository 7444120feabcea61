/// Limits and timings of the WebSocket service.
public struct WebSocketOptions: Sendable {
    /// Largest client message accepted; larger ones get an error frame and the connection stays open.
    public var maxMessageSize: Int
    /// Largest single frame the transport reads; a larger frame closes the connection (code 1009).
    public var maxFrameSize: Int
    /// How often idle connections are pinged; a connection that misses a pong is closed.
    public var pingInterval: Duration
    /// How long a closing connection waits for the client's close frame.
    public var closeTimeout: Duration
    /// How long a session token can resume its person after a drop (the runtime's resume window).
    public var resumeWindow: Duration

    public init(
        maxMessageSize: Int = 64 * 1024,
        maxFrameSize: Int = 1024 * 1024,
        pingInterval: Duration = .seconds(30),
        closeTimeout: Duration = .seconds(5),
        resumeWindow: Duration = .seconds(120)
    ) {
        self.maxMessageSize = maxMessageSize
        self.maxFrameSize = maxFrameSize
        self.pingInterval = pingInterval
        self.closeTimeout = closeTimeout
        self.resumeWindow = resumeWindow
    }
}
