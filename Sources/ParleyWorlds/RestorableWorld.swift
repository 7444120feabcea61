/// A task world that continues after its server restarts (or, in a cluster, on another server).
///
/// The runtime saves the world's ``state()`` in the store each time the world waits for a person
/// and something happened since the last save, before the messages the world sent meanwhile go
/// out, and acknowledges a person's message only once a save holds what it changed. After a
/// restart the runtime makes the world again with ``init(context:restoring:)`` and calls
/// `parley()` again: a step starts over from the saved state, so the state must say what the
/// world already did (a question asked, say), or the person sees it twice.
public protocol RestorableWorld: TaskWorld {
    /// All the world needs to continue: a small `Codable` value.
    associatedtype State: Codable & Sendable

    /// The world's state now.
    func state() async -> State

    /// Makes the world again from a saved state, with the same people (their data and display
    /// ids as saved) and the same config.
    init(context: WorldContext, restoring state: State) throws
}
