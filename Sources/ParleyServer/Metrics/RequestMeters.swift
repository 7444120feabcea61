import CoreMetrics
import Synchronization

/// The request counter and latency timer of each route, method and status seen, made once and
/// kept: making them through the factory on every request cost a registry lookup and several
/// allocations each time.
final class RequestMeters: Sendable {
    /// What one pair of meters counts.
    struct Key: Hashable, Sendable {
        var route: String
        var method: String
        var status: Int
    }

    private let meters = Mutex<[Key: (requests: Counter, duration: Timer)]>([:])

    /// The meters of `key`, made by `make` the first time.
    func meters(for key: Key, make: () -> (requests: Counter, duration: Timer)) -> (requests: Counter, duration: Timer) {
        meters.withLock { meters in
            if let found = meters[key] { return found }
            let made = make()
            meters[key] = made
            return made
        }
    }
}
