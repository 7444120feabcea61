/// What the candidate scan reads from one input's word ids, worked out once per form and shared
/// by the restate and respond indexes (both use the mind's word table).
struct InputWords {
    /// The ids of the tokens (`WordTable.unknown` for words no pattern tests for).
    let ids: [Int32]
    /// The known ids, each once, in input order.
    let distinct: [Int32]
    /// The known ids as bits.
    let present: WordBits
    /// The pairs of known ids side by side.
    let pairs: PairSet
    /// The ids of the first and last tokens (-1 when none).
    let first: Int32
    let last: Int32
    /// The token count.
    let count: Int32

    /// The summary of `ids`, word ids of a table with `wordCount` words.
    init(_ ids: [Int32], wordCount: Int) {
        var present = WordBits(count: wordCount)
        var distinct: [Int32] = []
        distinct.reserveCapacity(ids.count)
        for id in ids where id >= 0 && present.insert(id) { distinct.append(id) }
        var pairs = PairSet()
        for position in ids.indices.dropFirst() where ids[position - 1] >= 0 && ids[position] >= 0 {
            pairs.insert(ids[position - 1], ids[position])
        }
        self.ids = ids
        self.distinct = distinct
        self.present = present
        self.pairs = pairs
        first = ids.first ?? -1
        last = ids.last ?? -1
        count = Int32(clamping: ids.count)
    }
}
