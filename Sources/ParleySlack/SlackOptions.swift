/// How the Slack service talks to Slack: secrets, the Web API address, retry pacing, idle people.
public struct SlackOptions: Sendable {
    /// The app's signing secret, which signs every post Slack sends to Parley.
    public var signingSecret: String
    /// The bot token (`xoxb-...`) that calls the Web API.
    public var botToken: String
    /// The Web API base: calls go to `{apiURL}/{method}` (no trailing slash needed).
    public var apiURL: String
    /// Attempts per Web API call, the first included, when failures are transient (rate limits,
    /// 5xx answers, connection failures).
    public var maxAttempts: Int
    /// The pause before the first retry of a 5xx answer or a connection failure; each later one
    /// doubles it. A rate limit waits for Slack's `Retry-After` instead.
    public var retryDelay: Duration
    /// How long a person may stay silent before they leave the worlds (and the server forgets
    /// them); their next message starts again at the overworld.
    public var idleTimeout: Duration

    public static let defaultAPIURL = "https://slack.com/api"

    public init(
        signingSecret: String, botToken: String, apiURL: String = SlackOptions.defaultAPIURL, maxAttempts: Int = 5,
        retryDelay: Duration = .milliseconds(500), idleTimeout: Duration = .seconds(3600)
    ) {
        self.signingSecret = signingSecret
        self.botToken = botToken
        self.apiURL = apiURL
        self.maxAttempts = maxAttempts
        self.retryDelay = retryDelay
        self.idleTimeout = idleTimeout
    }
}
