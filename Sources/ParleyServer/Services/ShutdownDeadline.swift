import Synchronization

/// When a graceful shutdown must be over: set when it begins, a grace period later.
final class ShutdownDeadline: Sendable {
    private let grace: Duration
    private let begun = Mutex<ContinuousClock.Instant?>(nil)

    init(grace: Duration) {
        self.grace = grace
    }

    /// Marks the shutdown's start (later calls keep the first).
    func begin() {
        begun.withLock { $0 = $0 ?? .now }
    }

    /// The deadline; a grace period from now when the shutdown has not begun.
    var instant: ContinuousClock.Instant {
        (begun.withLock { $0 } ?? .now) + grace
    }
}
