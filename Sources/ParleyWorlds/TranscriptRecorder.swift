import Foundation
import ParleyCore
import ParleyStore
import Synchronization

/// Records one world's messages (through the runtime's transcript writer) and results.
///
/// A person's act is recorded once, as said by that person; the same act relayed to others is not
/// recorded again. Everything else a person is shown is recorded as said by its `id` (or `World`).
final class TranscriptRecorder: Sendable {
    let worldID: String
    let task: String
    let world: String
    let people: [String]
    private let store: any TranscriptStore
    private let writer: TranscriptWriter
    /// Recent acts by people in this world, to tell relays from new messages.
    private let recentActs = Mutex<[Message]>([])
    private static let rememberedActs = 32

    init(worldID: String, task: String, world: String, people: [String], store: any TranscriptStore, writer: TranscriptWriter) {
        self.worldID = worldID
        self.task = task
        self.world = world
        self.people = people
        self.store = store
        self.writer = writer
    }

    /// Records what a person said; `whenStored` is called once it is in the store.
    func recordAct(_ message: Message, by personID: String, whenStored: (@Sendable () -> Void)? = nil) {
        recentActs.withLock { acts in
            acts.append(message)
            if acts.count > Self.rememberedActs { acts.removeFirst() }
        }
        append(message, speaker: personID, whenStored: whenStored)
    }

    /// Records a message shown to a person, unless it relays a person's act.
    func recordDelivery(_ message: Message) {
        let isRelay = recentActs.withLock { $0.contains(message) }
        guard !isRelay else { return }
        append(message, speaker: message.id.flatMap { $0.isEmpty ? nil : $0 } ?? "World")
    }

    /// Saves what the world collected.
    func saveResult(_ data: JSONValue) async throws {
        try await store.saveResult(
            WorldResult(worldID: worldID, task: task, world: world, people: people, data: data, time: Date())
        )
    }

    private func append(_ message: Message, speaker: String, whenStored: (@Sendable () -> Void)? = nil) {
        let record = MessageRecord(
            worldID: worldID, task: task, world: world, people: people,
            speaker: speaker, text: message.text, payload: message.payload, time: Date()
        )
        writer.record(record, whenStored: whenStored)
    }
}
