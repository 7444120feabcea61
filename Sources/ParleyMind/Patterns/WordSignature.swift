/// A set of word ids hashed into 256 bits: if a word is in the set, its bit is; a quick test
/// that rules most patterns out before their clauses are checked exactly.
struct WordSignature: Sendable {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    mutating func insert(_ id: Int32) {
        let bit: UInt64 = 1 << (UInt64(truncatingIfNeeded: id) & 63)
        switch (UInt64(truncatingIfNeeded: id) >> 6) & 3 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    /// True when every bit of `other` is set here (so `other`'s words may all be here).
    func covers(_ other: WordSignature) -> Bool {
        (other.bits.0 & ~bits.0) | (other.bits.1 & ~bits.1) | (other.bits.2 & ~bits.2) | (other.bits.3 & ~bits.3) == 0
    }
}
