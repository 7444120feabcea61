import Foundation
import Testing

@testable import ParleyStore

@Suite("The records a PostgreSQL store remembers")
struct UserRecordCacheTests {
    func known(_ data: String, version: Int64 = 1) -> UserRecordCache.Known {
        UserRecordCache.Known(record: UserRecord(data: data, lastActivity: at(0)), version: version)
    }

    @Test("over its bound it keeps the most recently used and drops the rest down to half")
    func staysWithinItsBound() {
        let cache = UserRecordCache(byteLimit: 4_000)
        let data = String(repeating: "x", count: 100)
        for index in 0..<100 {
            cache.remember(known(data), for: "demo\u{0}user-\(index)")
            _ = cache.known("demo\u{0}user-0")  // used all along
        }
        let kept = (0..<100).filter { cache.known("demo\u{0}user-\($0)") != nil }
        #expect(kept.contains(0))
        #expect(kept.contains(99))
        #expect(!kept.contains(1))
        // About 200 bytes each: never more than 20 of them.
        #expect(kept.count <= 20)
    }

    @Test("a new version replaces the old, and forgetting a person forgets them for every mind")
    func replacesAndForgets() {
        let cache = UserRecordCache(byteLimit: 1 << 20)
        cache.remember(known("{}", version: 1), for: "demo\u{0}ann")
        cache.remember(known("{\"a\":1}", version: 2), for: "demo\u{0}ann")
        cache.remember(known("{}"), for: "quiz\u{0}ann")
        cache.remember(known("{}"), for: "demo\u{0}joanne")
        #expect(cache.known("demo\u{0}ann")?.version == 2)
        cache.forget { $0.hasSuffix("\u{0}ann") }
        #expect(cache.known("demo\u{0}ann") == nil)
        #expect(cache.known("quiz\u{0}ann") == nil)
        #expect(cache.known("demo\u{0}joanne") != nil)
    }
}
