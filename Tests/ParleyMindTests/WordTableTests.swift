import Testing
@testable import ParleyMind

@Suite struct WordTableTests {
    @Test func idsStayTheSameThroughGrowthAndTellWordsApartByEveryByte() {
        // Short words, words of exactly eight and sixteen bytes, and long words that share their
        // first eight or sixteen bytes (or all but the last) with each other.
        let words = (0..<300).flatMap {
            ["w\($0)", "eightb\($0 % 10)\($0 % 10)", "sharedprefix\($0)", "sharedprefi\($0)x",
             "sixteenbytesw\($0 % 10)\($0 % 10)\($0 % 10)", "sharedsixteenbyt\($0)", "sharedsixteenby\($0)é"]
        }
        var table = WordTable()
        var ids: [String: Int32] = [:]
        for word in words where ids[word] == nil { ids[word] = table.intern(word) }
        #expect(table.count == ids.count)
        #expect(Set(ids.values) == Set((0..<Int32(ids.count)).map { $0 }))
        for (word, id) in ids {
            #expect(table.id(of: word) == id)
            #expect(table.intern(word) == id)
        }
        for absent in ["w", "w3000", "eightb00x", "eightb0", "sharedprefix", "sharedprefix3000", "sharedprefix1x", "",
                       "sixteenbytesw000x", "sharedsixteenbyt", "sharedsixteenby1"] {
            #expect(table.id(of: absent) == WordTable.unknown, "\(absent)")
        }
    }
}
