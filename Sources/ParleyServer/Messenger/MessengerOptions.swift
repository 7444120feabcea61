/// How the Messenger service talks to Facebook: secrets, the Graph API address, and retry pacing.
public struct MessengerOptions: Sendable {
    /// The app secret that signs webhook posts; nil only with ``insecureDev``.
    public var appSecret: String?
    /// The token Facebook echoes when it verifies the webhook (`hub.verify_token`).
    public var verifyToken: String
    /// The page access token that sends messages.
    public var pageToken: String
    /// The page's id (the task config's `additional_args.page_id`), when known.
    public var pageID: String?
    /// The Graph API base, e.g. `https://graph.facebook.com/v19.0` (no trailing slash needed).
    public var graphURL: String
    /// Accepts unsigned webhook posts when no app secret is set: for local development only.
    public var insecureDev: Bool
    /// Attempts per Graph request, the first included, when errors are transient.
    public var maxAttempts: Int
    /// The pause before the first retry; each later one doubles it.
    public var retryDelay: Duration
    /// How long a person may stay silent before they leave the worlds (and the server forgets
    /// them); their next message starts again at the overworld.
    public var idleTimeout: Duration

    public static let defaultGraphURL = "https://graph.facebook.com/v19.0"

    public init(
        appSecret: String?, verifyToken: String, pageToken: String, pageID: String? = nil,
        graphURL: String = MessengerOptions.defaultGraphURL, insecureDev: Bool = false,
        maxAttempts: Int = 5, retryDelay: Duration = .milliseconds(500), idleTimeout: Duration = .seconds(3600)
    ) {
        self.appSecret = appSecret
        self.verifyToken = verifyToken
        self.pageToken = pageToken
        self.pageID = pageID
        self.graphURL = graphURL
        self.insecureDev = insecureDev
        self.maxAttempts = maxAttempts
        self.retryDelay = retryDelay
        self.idleTimeout = idleTimeout
    }
}
