/// How the Telegram service talks to the Bot API: its secrets, the API's address, how updates
/// arrive (webhook or polling), and the pacing of retries.
public struct TelegramOptions: Sendable {
    /// The bot's token from @BotFather.
    public var botToken: String
    /// The secret Telegram sends with every webhook post (`X-Telegram-Bot-Api-Secret-Token`); not
    /// needed when polling, nor with ``insecureDev``.
    public var secretToken: String?
    /// The Bot API base, e.g. `https://api.telegram.org` (no trailing slash needed).
    public var apiURL: String
    /// Takes updates by polling `getUpdates` instead of serving the webhook.
    public var polling: Bool
    /// How long one `getUpdates` call waits for updates (in whole seconds) when polling.
    public var pollTimeout: Duration
    /// Accepts webhook posts without the secret header when no secret token is set: for local
    /// development only.
    public var insecureDev: Bool
    /// Attempts per Bot API call, the first included, when errors are transient.
    public var maxAttempts: Int
    /// The pause before the first retry; each later one doubles it.
    public var retryDelay: Duration
    /// The longest pause between two failed `getUpdates` or `getMe` calls.
    public var maxPollPause: Duration
    /// How long a person may stay silent before they leave the worlds (and the server forgets
    /// them); their next message starts again at the overworld.
    public var idleTimeout: Duration

    public static let defaultAPIURL = "https://api.telegram.org"

    public init(
        botToken: String, secretToken: String?, apiURL: String = TelegramOptions.defaultAPIURL, polling: Bool = false,
        pollTimeout: Duration = .seconds(50), insecureDev: Bool = false, maxAttempts: Int = 5,
        retryDelay: Duration = .milliseconds(500), maxPollPause: Duration = .seconds(30), idleTimeout: Duration = .seconds(3600)
    ) {
        self.botToken = botToken
        self.secretToken = secretToken
        self.apiURL = apiURL
        self.polling = polling
        self.pollTimeout = pollTimeout
        self.insecureDev = insecureDev
        self.maxAttempts = maxAttempts
        self.retryDelay = retryDelay
        self.maxPollPause = maxPollPause
        self.idleTimeout = idleTimeout
    }
}
