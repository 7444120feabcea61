import Foundation

/// How the reply API behaves: the restart threshold, the clock it reads, the tag handlers, who may
/// call it and how often, and how long transcripts are kept.
public struct ReplyAPIOptions: Sendable {
    /// A user away longer than this (seconds) gets `[restart n]` before their input (default 5 minutes).
    public var restartAfter: TimeInterval
    /// The current time; tests inject one they can move.
    public var clock: @Sendable () -> Date
    /// The handlers of output tags (`--tags FILE`); none by default.
    public var tags: TagHandlers

    /// The keys a request must carry; none means the API is open.
    public var keys: APIKeys
    /// Limits requests per key (per client address when no keys are configured); nil: no limit.
    public var rateLimiter: RateLimiter?
    /// Limits failed key checks per client address: the `rateLimiter` given to `init`, or the
    /// standard limit without one, so that wrong keys are never unlimited.
    public var failedKeyLimiter: RateLimiter
    /// Exchanges older than this many days are erased automatically; nil keeps them.
    public var retainDays: Int?
    /// How often old exchanges are erased when `retainDays` is set (daily).
    public var retentionInterval: Duration
    /// Whether stateless calls are logged as exchanges (under the caller's `userid`, else an
    /// empty one), for the studio's review; off by default.
    public var logStateless: Bool

    /// The largest request body accepted, in bytes (256 KiB).
    public static let maximumBodyBytes = 256 * 1024

    public init(
        restartAfter: TimeInterval = 300, clock: @escaping @Sendable () -> Date = { Date() }, tags: TagHandlers = .none,
        keys: APIKeys = APIKeys(), rateLimiter: RateLimiter? = nil, retainDays: Int? = nil,
        retentionInterval: Duration = .seconds(86_400), logStateless: Bool = false
    ) {
        self.restartAfter = restartAfter
        self.clock = clock
        self.tags = tags
        self.keys = keys
        self.rateLimiter = rateLimiter
        self.failedKeyLimiter = rateLimiter ?? RateLimiter(limit: .standard)
        self.retainDays = retainDays
        self.retentionInterval = retentionInterval
        self.logStateless = logStateless
    }
}
