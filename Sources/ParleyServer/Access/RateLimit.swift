/// How many requests a client may make: `rate` a second on average, up to `burst` at once.
public struct RateLimit: Sendable, Hashable {
    /// Requests a second, refilled continuously.
    public var rate: Double
    /// The most requests a client may make at once after being idle.
    public var burst: Double

    /// The default: 50 requests a second, bursts of 100.
    public static let standard = RateLimit(rate: 50, burst: 100)

    public init(rate: Double, burst: Double) {
        self.rate = rate
        self.burst = max(1, burst)
    }
}
