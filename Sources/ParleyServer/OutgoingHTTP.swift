import AsyncHTTPClient

/// The HTTP client of the server's own outgoing calls: the chat services' platform APIs
/// (Messenger's Graph API, Telegram's Bot API, Slack's Web API, your own service's) and tag handlers.
public enum OutgoingHTTP {
    /// A refused or failed connection fails the attempt at once, so that the caller's own retries
    /// and time limit decide; the connection pool would otherwise keep trying to connect until the
    /// request's deadline (an unreachable Graph API held each message for 20 seconds an attempt).
    public static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
