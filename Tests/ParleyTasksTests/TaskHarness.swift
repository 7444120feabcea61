import Foundation
import ParleyStore
import ParleyTasks
import ParleyWorlds
import Testing

/// The repository's `tasks/` folder.
let tasksFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("tasks")

/// A runtime for one of `tasks/*.yml` with the built-in worlds, on a temporary SQLite store.
struct TaskHarness {
    let runtime: WorldRuntime
    let store: SQLiteStore
    let running: Task<Void, Never>

    init(task file: String) throws {
        let config = try TaskConfig.load(path: tasksFolder.appendingPathComponent(file).path)
        store = try SQLiteStore.temporary()
        let runtime = try WorldRuntime(
            config: config, registry: .builtIn, transcripts: store,
            options: RuntimeOptions(shutdownGrace: .milliseconds(100))
        )
        self.runtime = runtime
        running = Task { await runtime.run() }
    }

    /// A connected person.
    func person() async -> Speaker {
        let speaker = Speaker(id: UUID().uuidString, runtime: runtime)
        await runtime.connect(personID: speaker.id, service: "test", channel: speaker.channel)
        return speaker
    }

    func stop() async {
        await runtime.shutdown()
        await running.value
    }
}

/// One person talking to the runtime.
struct Speaker {
    let id: String
    let runtime: WorldRuntime
    let channel = RecordingChannel()

    func say(_ text: String) async {
        await runtime.receive(Message(text: text), from: id)
    }

    /// Reads the next message and checks its text, skipping "Please wait while we pair you"
    /// replies (whether one comes depends on when a message typed during a hand-over arrives).
    @discardableResult
    func expect(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) async -> Message? {
        var message = await channel.nextMessage()
        while message?.text == RuntimeText.waitForPairing {
            message = await channel.nextMessage()
        }
        #expect(message?.text == text, sourceLocation: sourceLocation)
        return message
    }
}
