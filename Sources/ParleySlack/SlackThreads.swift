import Synchronization

/// Where each person's replies go: the thread of their latest mention of the bot, or the channel
/// itself (direct messages). People silent for longer than the idle timeout are forgotten, as
/// ``ServicePeople`` forgets them.
final class SlackThreads: Sendable {
    private struct Place {
        var thread: String?
        var lastSeen: ContinuousClock.Instant
    }

    private struct State {
        var places: [String: Place] = [:]
        var lastSweep = ContinuousClock.now
    }

    private let idleTimeout: Duration
    private let state = Mutex(State())

    init(idleTimeout: Duration) {
        self.idleTimeout = idleTimeout
    }

    /// Replies to the person at `address` go to `thread` from now on (nil: the channel itself).
    func set(_ thread: String?, for address: String) {
        let now = ContinuousClock.now
        let timeout = idleTimeout
        state.withLock { state in
            if now - state.lastSweep >= min(timeout, .seconds(60)) {
                state.lastSweep = now
                state.places = state.places.filter { now - $0.value.lastSeen <= timeout }
            }
            state.places[address] = Place(thread: thread, lastSeen: now)
        }
    }

    /// The thread replies to the person at `address` go to; nil for the channel itself.
    func thread(for address: String) -> String? {
        state.withLock { $0.places[address]?.thread }
    }
}
