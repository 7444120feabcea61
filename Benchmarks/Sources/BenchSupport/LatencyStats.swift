/// Percentiles of a set of latencies in nanoseconds.
public struct LatencyStats {
    private let sorted: [UInt64]

    public init(_ samples: [UInt64]) {
        sorted = samples.sorted()
    }

    /// The latency below which `fraction` of the samples lie, in milliseconds.
    public func percentile(_ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let index = min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)
        return Double(sorted[max(0, index)]) / 1_000_000
    }

    public var count: Int { sorted.count }

    public var maximum: Double { Double(sorted.last ?? 0) / 1_000_000 }
}
