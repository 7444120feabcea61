import Foundation
import ParleyStore
import ParleyWorlds

/// A world runtime on a real SQLite store in a temporary directory, run in the background.
public struct RuntimeHarness: Sendable {
    public let runtime: WorldRuntime
    public let store: SQLiteStore
    let running: Task<Void, Never>

    /// Runs `config` with the worlds and bot model kinds of `registry`.
    public init(
        config: TaskConfig, registry: WorldRegistry,
        options: RuntimeOptions = RuntimeOptions(shutdownGrace: .milliseconds(100))
    ) throws {
        store = try SQLiteStore.temporary()
        let runtime = try WorldRuntime(config: config, registry: registry, transcripts: store, options: options)
        self.runtime = runtime
        running = Task { await runtime.run() }
    }

    /// Runs the config in `yaml`, read as if from `file`.
    public init(
        yaml: String, file: String = "test.yml", registry: WorldRegistry,
        options: RuntimeOptions = RuntimeOptions(shutdownGrace: .milliseconds(100))
    ) throws {
        try self.init(config: TaskConfig.parse(yaml: yaml, file: file), registry: registry, options: options)
    }

    /// A connected person.
    public func person(_ id: String = UUID().uuidString) async -> Speaker {
        let speaker = Speaker(id: id, runtime: runtime)
        await runtime.connect(personID: id, service: "test", channel: speaker.channel)
        return speaker
    }

    /// Every message recorded so far, from the store.
    public func messages() async throws -> [MessageRecord] {
        await runtime.flushTranscripts()
        return try await store.messages(since: nil)
    }

    /// Shuts the runtime down and waits for it to finish.
    public func stop() async {
        await runtime.shutdown()
        await running.value
    }
}
