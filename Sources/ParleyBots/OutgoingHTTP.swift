import AsyncHTTPClient

/// The HTTP client of the bots' calls (remote reply APIs, OpenAI-compatible endpoints).
enum OutgoingHTTP {
    /// A refused or failed connection fails the attempt at once, so that the bot's own `retries`
    /// and `timeout` decide; the connection pool would otherwise keep trying to connect until the
    /// timeout (a bot on a server that is down took its whole timeout to say it is unavailable).
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
