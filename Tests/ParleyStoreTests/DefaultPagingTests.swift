import Foundation
import ParleyCore
import ParleyStore
import Testing

/// A store that implements only the required whole-list reads, as a test double elsewhere would.
private final class ListStore: TranscriptStore {
    let records: [MessageRecord]

    init(_ records: [MessageRecord]) { self.records = records }

    func append(_ records: [MessageRecord]) async throws {}
    func saveResult(_ result: WorldResult) async throws {}
    func messages(since: Date?) async throws -> [MessageRecord] {
        records.filter { since == nil || $0.time >= since! }
    }
    func results(since: Date?) async throws -> [WorldResult] { [] }
    func erasePerson(_ personID: String) async throws {}
}

@Suite("Paging for stores that only list")
struct DefaultPagingTests {
    @Test func pagesOverTheWholeList() async throws {
        let records = (0..<5).map { message("m\($0)", at: at(Int64($0))) }
        let store = ListStore(records)
        let first = try await store.messages(since: nil, after: nil, limit: 2)
        #expect(first.records == Array(records[0..<2]))
        let afterFirst: MessageCursor = try #require(first.next)
        let second = try await store.messages(since: nil, after: afterFirst, limit: 2)
        #expect(second.records == Array(records[2..<4]))
        let afterSecond: MessageCursor = try #require(second.next)
        let last = try await store.messages(since: nil, after: afterSecond, limit: 2)
        #expect(last.records == [records[4]] && last.next == nil)
        #expect(try await store.messages(since: at(3), after: nil, limit: 10).records == Array(records[3...]))
    }

    @Test func exportsFromSuchAStore() async throws {
        let store = ListStore((0..<5).map { message("m\($0)", at: at(Int64($0))) })
        var lines = 0
        let count = try await TranscriptExporter(store: store, pageSize: 2).export { data in
            lines += data.split(separator: UInt8(ascii: "\n")).count
        }
        #expect(count == 5 && lines == 5)
    }
}
