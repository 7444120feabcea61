import Synchronization

/// What an operator changes in a running world: whether its bots are paused.
final class WorldControl: Sendable {
    private let paused = Mutex(false)

    /// True while the world's bots stay silent for an operator.
    var botsPaused: Bool {
        get { paused.withLock { $0 } }
        set { paused.withLock { $0 = newValue } }
    }
}
