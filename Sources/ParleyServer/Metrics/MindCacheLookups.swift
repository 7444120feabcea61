import Synchronization

/// Counts lookups in the URL mind cache: hits answered from the cache, misses that loaded a rulebase.
public final class MindCacheLookups: Sendable {
    private let hitCounts = Atomic<UInt64>(0)
    private let missCounts = Atomic<UInt64>(0)

    public init() {}

    /// Lookups answered from the cache.
    public var hits: UInt64 { hitCounts.load(ordering: .relaxed) }
    /// Lookups that had to load the rulebase.
    public var misses: UInt64 { missCounts.load(ordering: .relaxed) }

    func recordHit() {
        hitCounts.add(1, ordering: .relaxed)
    }

    func recordMiss() {
        missCounts.add(1, ordering: .relaxed)
    }
}
