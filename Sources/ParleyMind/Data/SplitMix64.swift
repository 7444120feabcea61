/// The seeded generator behind every random choice (docs/minds-reference.md#variants-and-repetition).
struct SplitMix64: Sendable, Hashable {
    /// The 64-bit state, stored in `data.seed`.
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An index below `count`; draws nothing when there is at most one choice.
    mutating func choose(among count: Int) -> Int {
        guard count > 1 else { return 0 }
        return Int(next() % UInt64(count))
    }
}
