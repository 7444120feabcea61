import ParleyCore
import Synchronization

/// Token buckets per client (an API key or an address): each request takes a token; tokens come
/// back at the limit's rate up to its burst. Buckets that have filled up again are forgotten, so
/// memory stays within `capacity` buckets.
public final class RateLimiter: Sendable {
    /// The outcome of a request.
    public enum Decision: Sendable, Hashable {
        case allowed
        /// Refused; a token is back after this many seconds.
        case refused(retryAfter: Double)
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    public let limit: RateLimit
    private let capacity: Int
    private let now: @Sendable () -> ContinuousClock.Instant
    private let buckets = Mutex<[String: Bucket]>([:])

    /// - Parameters:
    ///   - capacity: the most clients tracked at once; when full, buckets of idle clients go first.
    ///   - now: the clock; tests inject one they move.
    public init(
        limit: RateLimit, capacity: Int = 100_000,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.limit = limit
        self.capacity = max(1, capacity)
        self.now = now
    }

    /// Takes a token from `client`'s bucket if it has one.
    public func take(for client: String) -> Decision {
        let now = self.now()
        return buckets.withLock { buckets in
            var bucket = buckets[client].map { refilled($0, at: now) } ?? Bucket(tokens: limit.burst, updated: now)
            let decision: Decision
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                decision = .allowed
            } else {
                decision = .refused(retryAfter: (1 - bucket.tokens) / limit.rate)
            }
            if buckets[client] == nil && buckets.count >= capacity { evict(&buckets, at: now) }
            buckets[client] = bucket
            return decision
        }
    }

    /// Whether `client`'s bucket has a token now, without taking it (nor tracking the client).
    public func check(for client: String) -> Decision {
        let now = self.now()
        let tokens = buckets.withLock { buckets in buckets[client].map { refilled($0, at: now).tokens } } ?? limit.burst
        return tokens >= 1 ? .allowed : .refused(retryAfter: (1 - tokens) / limit.rate)
    }

    /// How many clients are tracked now.
    public var trackedClients: Int { buckets.withLock { $0.count } }

    private func refilled(_ bucket: Bucket, at now: ContinuousClock.Instant) -> Bucket {
        let elapsed = max(0, (now - bucket.updated).inSeconds)
        return Bucket(tokens: min(limit.burst, bucket.tokens + elapsed * limit.rate), updated: now)
    }

    /// Forgets the buckets that are full again (as good as new); if that frees less than a quarter,
    /// also the least recently used, down to three quarters of the capacity.
    private func evict(_ buckets: inout [String: Bucket], at now: ContinuousClock.Instant) {
        buckets = buckets.filter { refilled($0.value, at: now).tokens < limit.burst }
        let target = capacity - capacity / 4
        guard buckets.count > target else { return }
        let oldest = buckets.sorted { $0.value.updated < $1.value.updated }.prefix(buckets.count - target)
        for (client, _) in oldest { buckets[client] = nil }
    }
}
