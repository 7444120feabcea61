import Foundation
import ParleyStore
import ParleyWorlds
import Testing

/// A runtime on a real SQLite store in a temporary directory, run in the background.
struct Harness {
    let runtime: WorldRuntime
    let store: SQLiteStore
    let running: Task<Void, Never>

    static func start(
        _ yaml: String, registry: WorldRegistry = .test,
        options: RuntimeOptions = RuntimeOptions(shutdownGrace: .milliseconds(100))
    ) throws -> Harness {
        let config = try TaskConfig.parse(yaml: yaml, file: "test.yml")
        let store = try SQLiteStore.temporary()
        let runtime = try WorldRuntime(config: config, registry: registry, transcripts: store, options: options)
        return Harness(runtime: runtime, store: store, running: Task { await runtime.run() })
    }

    /// A connected person.
    func person(_ id: String = UUID().uuidString) async -> Client {
        let client = Client(id: id, runtime: runtime)
        await runtime.connect(personID: id, service: "test", channel: client.channel)
        return client
    }

    func stop() async {
        await runtime.shutdown()
        await running.value
    }
}

/// One person talking to the runtime through a recording channel.
struct Client {
    let id: String
    let runtime: WorldRuntime
    let channel = RecordingChannel()

    func say(_ text: String) async {
        await runtime.receive(Message(text: text), from: id)
    }

    /// Reads the next message and checks its text. "Please wait while we pair you" replies are
    /// skipped unless expected: whether a message typed during a hand-over gets one depends on timing.
    @discardableResult
    func expect(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) async -> Message? {
        var message = await channel.nextMessage()
        while message?.text == RuntimeText.waitForPairing, text != RuntimeText.waitForPairing {
            message = await channel.nextMessage()
        }
        #expect(message?.text == text, sourceLocation: sourceLocation)
        return message
    }

    /// Reads the next message's text ("<closed>" once the channel is closed).
    func next() async -> String {
        await channel.nextMessage()?.text ?? "<closed>"
    }
}
