/// Limits and timings of the WebSocket service.
public struct WebSocketOptions: Sendable {
    /// Largest client message accepted; larger ones get an error frame and the connection stays open.
    public var maxMessageSize: Int
    /// Largest single frame the transport reads; a larger frame closes the connection (code 1009).
    public var maxFrameSize: Int
    /// How often idle connections are pinged; a connection that misses a pong is closed. (A client
    /// whose network went away is noticed sooner by ``ConnectionLimits/deadPeerTimeout``.)
    public var pingInterval: Duration
    /// How long a closing connection waits for the client's close frame.
    public var closeTimeout: Duration
    /// How long a session token can resume its person after a drop (the runtime's resume window).
    public var resumeWindow: Duration
    /// The most frames waiting to be written to one connection; a client that falls further behind
    /// is closed with code 1008.
    public var maxQueuedFrames: Int
    /// The most bytes waiting to be written to one connection (and kept for one person to send
    /// again); a client that falls further behind is closed with code 1008.
    public var maxQueuedBytes: Int
    /// The most messages of one person that wait unread by any world; beyond it the connection is
    /// not read until a world reads (back-pressure).
    public var maxUnreadMessages: Int
    /// How long one frame may take to reach the client's socket before the connection is closed.
    public var writeTimeout: Duration
    /// Messages a second one connection may send on average; faster, it is read more slowly.
    public var messagesPerSecond: Double
    /// Messages one connection may send at once before `messagesPerSecond` applies.
    public var messageBurst: Int

    public init(
        maxMessageSize: Int = 64 * 1024,
        maxFrameSize: Int = 1024 * 1024,
        pingInterval: Duration = .seconds(30),
        closeTimeout: Duration = .seconds(5),
        resumeWindow: Duration = .seconds(120),
        maxQueuedFrames: Int = 1_000,
        maxQueuedBytes: Int = 1024 * 1024,
        maxUnreadMessages: Int = 64,
        writeTimeout: Duration = .seconds(30),
        messagesPerSecond: Double = 50,
        messageBurst: Int = 200
    ) {
        self.maxMessageSize = maxMessageSize
        self.maxFrameSize = maxFrameSize
        self.pingInterval = pingInterval
        self.closeTimeout = closeTimeout
        self.resumeWindow = resumeWindow
        self.maxQueuedFrames = maxQueuedFrames
        self.maxQueuedBytes = maxQueuedBytes
        self.maxUnreadMessages = maxUnreadMessages
        self.writeTimeout = writeTimeout
        self.messagesPerSecond = messagesPerSecond
        self.messageBurst = messageBurst
    }
}
