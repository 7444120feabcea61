import Foundation
import Logging
import ParleyStore
import Testing

@testable import ParleyWorlds

@Suite("Transcript writer")
struct TranscriptWriterTests {
    static func record(world: String, _ index: Int) -> MessageRecord {
        MessageRecord(
            worldID: world, task: "t", world: "W", people: ["p-\(world)"], speaker: "p-\(world)",
            text: "\(index)", payload: nil, time: Date())
    }

    @Test("records from many worlds at once are all stored, each world's in order; flush waits for them")
    func storesEverythingInOrder() async throws {
        let store = try SQLiteStore.temporary()
        let writer = TranscriptWriter(store: store, logger: Logger(label: "test"))
        await withTaskGroup(of: Void.self) { group in
            for world in 0..<8 {
                group.addTask {
                    for index in 0..<300 { writer.record(Self.record(world: "w\(world)", index)) }
                }
            }
        }
        await writer.flush()
        let stored = try await store.messages(since: nil)
        #expect(stored.count == 8 * 300)
        for world in 0..<8 {
            #expect(stored.filter { $0.worldID == "w\(world)" }.map(\.text) == (0..<300).map(String.init))
        }
        // Nothing waits: a flush returns at once.
        await writer.flush()
    }
}
