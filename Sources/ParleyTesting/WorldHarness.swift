import Foundation
import ParleyStore
import ParleyWorlds

/// A task config run in-process, as `parley serve` would run it, on a SQLite store in a temporary
/// folder: scripted people talk to its worlds, and the recorded transcript and results are there
/// to check. No network and no sleeps: people and worlds meet through the runtime directly.
///
/// ```swift
/// let harness = try WorldHarness(configFile: "config.yml", registry: registry)
/// let ann = await harness.person()
/// await ann.say("hello")
/// await ann.expect("Welcome!", quickReplies: ["begin", "EXIT"])
/// await harness.stop()
/// ```
public struct WorldHarness: Sendable {
    /// The runtime running the config.
    public let runtime: WorldRuntime
    /// The store the runtime records in.
    public let store: SQLiteStore
    let running: Task<Void, Never>
    private let config: TaskConfig
    private let registry: WorldRegistry
    private let options: RuntimeOptions

    /// Runs `config` with the worlds and bot model kinds of `registry`.
    public init(
        config: TaskConfig, registry: WorldRegistry,
        options: RuntimeOptions = RuntimeOptions(shutdownGrace: .milliseconds(100))
    ) throws {
        try self.init(config: config, registry: registry, options: options, store: SQLiteStore.temporary())
    }

    private init(config: TaskConfig, registry: WorldRegistry, options: RuntimeOptions, store: SQLiteStore) throws {
        self.store = store
        self.config = config
        self.registry = registry
        self.options = options
        let runtime = try WorldRuntime(config: config, registry: registry, transcripts: store, options: options)
        self.runtime = runtime
        running = Task { await runtime.run() }
    }

    /// Runs the config file at `path` (relative paths in it are read from its folder).
    public init(
        configFile path: String, registry: WorldRegistry,
        options: RuntimeOptions = RuntimeOptions(shutdownGrace: .milliseconds(100))
    ) throws {
        try self.init(config: TaskConfig.load(path: path), registry: registry, options: options)
    }

    /// Runs the config in `yaml`, read as if from `file`.
    public init(
        yaml: String, file: String = "test.yml", registry: WorldRegistry,
        options: RuntimeOptions = RuntimeOptions(shutdownGrace: .milliseconds(100))
    ) throws {
        try self.init(config: TaskConfig.parse(yaml: yaml, file: file), registry: registry, options: options)
    }

    /// A person who has connected (and said nothing yet).
    public func person(_ id: String = UUID().uuidString) async -> ScriptedPerson {
        let person = ScriptedPerson(id: id, runtime: runtime)
        await runtime.connect(personID: id, service: "test", channel: person.channel)
        return person
    }

    /// Every message recorded so far, oldest first.
    public func messages() async throws -> [MessageRecord] {
        await runtime.flushTranscripts()
        return try await store.messages(since: nil)
    }

    /// Every result worlds saved so far with `saveResult`, oldest first.
    public func results() async throws -> [WorldResult] {
        await runtime.flushTranscripts()
        return try await store.results(since: nil)
    }

    /// Stops this runtime as a server stops, and runs the config again on the same store, as the
    /// server started again: restorable worlds go on, and their people come back when
    /// ``person(_:)`` connects them again with their ids.
    public func restarted() async throws -> WorldHarness {
        await stop()
        return try WorldHarness(config: config, registry: registry, options: options, store: store)
    }

    /// Shuts the runtime down as a server would, and waits for it to finish.
    public func stop() async {
        await runtime.shutdown()
        await running.value
    }
}
