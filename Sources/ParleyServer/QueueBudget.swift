import Synchronization

/// The bytes all connections' outgoing queues may hold together, so that many slow clients cannot
/// exhaust the server's memory between them; reported in `/metrics`.
public final class QueueBudget: Sendable {
    /// The most bytes held at once.
    public let limit: Int
    private let held = Atomic<Int>(0)
    private let peak = Atomic<Int>(0)

    public init(limit: Int = 256 * 1024 * 1024) {
        self.limit = limit
    }

    /// The bytes held now.
    public var bytes: Int { held.load(ordering: .relaxed) }

    /// The most bytes held at once so far.
    public var peakBytes: Int { peak.load(ordering: .relaxed) }

    /// Takes `count` bytes; false (and nothing taken) when that would pass the limit.
    func take(_ count: Int) -> Bool {
        var current = held.load(ordering: .relaxed)
        while true {
            let next = current + count
            guard next <= limit else { return false }
            let (exchanged, original) = held.compareExchange(
                expected: current, desired: next, ordering: .relaxed)
            if exchanged {
                peak.max(next, ordering: .relaxed)
                return true
            }
            current = original
        }
    }

    /// Gives back `count` bytes taken before.
    func give(_ count: Int) {
        held.subtract(count, ordering: .relaxed)
    }
}
