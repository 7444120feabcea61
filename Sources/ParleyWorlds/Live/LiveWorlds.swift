import ParleyStore
import Synchronization

/// The running worlds (but the overworld's menus) and what happens in them, for the live view:
/// a snapshot, and a stream of events for each watcher. Only recorded messages are shown, so people
/// who take part unrecorded are not watched either.
public final class LiveWorlds: Sendable {
    /// How many of a world's latest messages a view keeps.
    public static let recentLimit = 20

    private struct State {
        var worlds: [String: LiveWorldView] = [:]
        var watchers: [Int: AsyncStream<LiveWorldEvent>.Continuation] = [:]
        var nextWatcher = 0
        var isFinished = false
    }

    private let state = Mutex(State())

    init() {}

    /// The running worlds, oldest first.
    public func snapshot() -> [LiveWorldView] {
        state.withLock { $0.worlds.values.sorted { ($0.started, $0.worldID) < ($1.started, $1.worldID) } }
    }

    /// The running world with this id, if any.
    public func view(of worldID: String) -> LiveWorldView? {
        state.withLock { $0.worlds[worldID] }
    }

    /// A snapshot, then every event until the runtime shuts down (or the stream is dropped). A
    /// watcher that falls more than 1,000 events behind misses the oldest.
    public func events() -> AsyncStream<LiveWorldEvent> {
        let (stream, continuation) = AsyncStream<LiveWorldEvent>.makeStream(bufferingPolicy: .bufferingNewest(1000))
        let id = state.withLock { state -> Int? in
            guard !state.isFinished else { return nil }
            state.nextWatcher += 1
            state.watchers[state.nextWatcher] = continuation
            continuation.yield(.snapshot(state.worlds.values.sorted { ($0.started, $0.worldID) < ($1.started, $1.worldID) }))
            return state.nextWatcher
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.watchers.removeValue(forKey: id) }
        }
        return stream
    }

    func started(_ view: LiveWorldView) {
        publish(.started(view)) { state in
            state.worlds[view.worldID] = view
            return true
        }
    }

    func recorded(_ record: MessageRecord) {
        publish(.message(worldID: record.worldID, record)) { state in
            guard state.worlds[record.worldID] != nil else { return false }
            state.worlds[record.worldID]?.recent.append(record)
            if let count = state.worlds[record.worldID]?.recent.count, count > Self.recentLimit {
                state.worlds[record.worldID]?.recent.removeFirst(count - Self.recentLimit)
            }
            return true
        }
    }

    func ended(_ worldID: String, _ ending: ConversationEnding) {
        publish(.ended(worldID: worldID, ending)) { $0.worlds.removeValue(forKey: worldID) != nil }
    }

    func operatorChanged(_ worldID: String, name: String?, botsPaused: Bool, participant: ConversationParticipant?) {
        publish(.operatorChanged(worldID: worldID, name: name, botsPaused: botsPaused)) { state in
            guard state.worlds[worldID] != nil else { return false }
            state.worlds[worldID]?.operatorName = name
            state.worlds[worldID]?.botsPaused = botsPaused
            if let participant, state.worlds[worldID]?.participants.contains(participant) == false {
                state.worlds[worldID]?.participants.append(participant)
            }
            return true
        }
    }

    /// Ends every watcher's stream: the runtime has shut down.
    func finish() {
        let watchers = state.withLock { state in
            state.isFinished = true
            defer { state.watchers = [:] }
            return Array(state.watchers.values)
        }
        for watcher in watchers { watcher.finish() }
    }

    /// Applies `change` and, when it concerns a watched world, tells every watcher `event`.
    private func publish(_ event: LiveWorldEvent, _ change: (inout State) -> Bool) {
        state.withLock { state in
            guard change(&state) else { return }
            for watcher in state.watchers.values { watcher.yield(event) }
        }
    }
}
