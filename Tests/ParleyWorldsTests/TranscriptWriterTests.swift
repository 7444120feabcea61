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

    @Test("a record is reported stored once it is in the store, and never when writing it fails")
    func reportsOnlyStoredRecords() async throws {
        let store = try SQLiteStore.temporary()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let writer = TranscriptWriter(store: store, logger: logger)
        let (stored, storedSink) = AsyncStream.makeStream(of: String.self)
        var reports = stored.makeAsyncIterator()
        writer.record(Self.record(world: "w", 1), whenStored: { storedSink.yield("1") })
        #expect(await reports.next() == "1")
        #expect(try await store.messages(since: nil).map(\.text) == ["1"])

        try store.close()
        writer.record(Self.record(world: "w", 2), whenStored: { storedSink.yield("2") })
        await writer.flush()
        storedSink.finish()
        #expect(await reports.next() == nil)
    }
}
