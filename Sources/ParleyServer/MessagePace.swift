import ParleyCore

/// A token bucket over one connection's incoming messages: `rate` a second on average, `burst` at
/// once. Reading waits for a token, so a client that sends faster than a person types is slowed by
/// TCP instead of taking the server's time from everyone else.
struct MessagePace {
    let rate: Double
    let burst: Double
    private var tokens: Double
    private var updated: ContinuousClock.Instant

    init(rate: Double, burst: Int) {
        self.rate = rate
        self.burst = Double(max(1, burst))
        self.tokens = self.burst
        self.updated = .now
    }

    /// Takes a token for one message; returns how long to wait before reading on (nil: at once).
    mutating func take(at now: ContinuousClock.Instant = .now) -> Duration? {
        tokens = min(burst, tokens + (now - updated).inSeconds * rate)
        updated = now
        tokens -= 1
        guard tokens < 0 else { return nil }
        return .seconds(-tokens / rate)
    }
}
