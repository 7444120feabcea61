/// A small seeded generator (SplitMix64), so that every run generates the same minds and inputs.
struct BenchRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < p
    }

    /// An index below `count`, skewed towards small ones (roughly Zipf-like), like word use.
    mutating func skewed(_ count: Int) -> Int {
        let u = Double.random(in: 0..<1, using: &self)
        return min(count - 1, Int(Double(count) * u * u * u))
    }
}
