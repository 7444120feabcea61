/// A set of word ids as bits.
struct WordBits {
    private var words: [UInt64]

    /// An empty set for ids below `count`.
    init(count: Int) {
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    func contains(_ id: Int32) -> Bool {
        words[Int(id) >> 6] & (1 << UInt64(id & 63)) != 0
    }

    /// Adds `id`; true when it was not in the set yet.
    mutating func insert(_ id: Int32) -> Bool {
        let bit: UInt64 = 1 << UInt64(id & 63)
        defer { words[Int(id) >> 6] |= bit }
        return words[Int(id) >> 6] & bit == 0
    }
}
