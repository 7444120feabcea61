/// A set of pairs of word ids (two tokens side by side) hashed into 4096 bits: if a pair is in
/// the set, its bit is. Patterns whose literal words stand side by side need their pair here.
struct PairSet {
    private static let bitCount = 4096
    private var words = [UInt64](repeating: 0, count: PairSet.bitCount / 64)

    /// The bit of the pair (`first`, `second`).
    static func bit(_ first: Int32, _ second: Int32) -> Int {
        let mixed = (UInt32(bitPattern: first) &* 0x9E37_79B1 ^ UInt32(bitPattern: second)) &* 0x85EB_CA6B
        return Int(mixed >> 20)
    }

    mutating func insert(_ first: Int32, _ second: Int32) {
        let bit = Self.bit(first, second)
        words[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    func contains(bit: Int) -> Bool {
        words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
}
