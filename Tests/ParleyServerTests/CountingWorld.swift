import ParleyWorlds
import Synchronization

/// A task world for tests that talks like the echo world and counts its `shutdown` calls, per world,
/// under the key given in the config's `opt.counter`.
actor CountingWorld: TaskWorld {
    static let shutdowns = Mutex<[String: [String: Int]]>([:])

    private let agent: PersonAgent
    private let counter: String
    private let worldID: String
    private(set) var episodeDone = false

    init(context: WorldContext) {
        agent = context.agent
        counter = context.opt["counter"]?.stringValue ?? ""
        worldID = context.worldID
        Self.shutdowns.withLock { $0[counter, default: [:]][worldID] = 0 }
    }

    func parley() async throws {
        let act = try await agent.act()
        await agent.observe(Message(text: "counted: \(act.text)"))
    }

    func shutdown() async {
        Self.shutdowns.withLock { $0[counter, default: [:]][worldID, default: 0] += 1 }
    }

    /// How many times each world made under `counter` was shut down.
    static func shutdownCounts(_ counter: String) -> [String: Int] {
        shutdowns.withLock { $0[counter] ?? [:] }
    }
}
