/// A rule's place in the ranking of docs/minds-reference.md#how-a-turn-runs at one form; smaller keys rank
/// first. Criterion (f), the form, is ranked per turn through each rule's tier (`tiers(of:)`).
struct RankKey: Comparable {
    /// The criteria before (f): rules with equal ones are in one tier.
    private struct Criteria: Hashable {
        let idle: Bool
        let idleSeconds: Double
        let priority: Int
        let stateScoped: Bool
        let specificity: Specificity?
        /// Version 1.1: a rule with `that`, then one with `topic`, before one without.
        let hasThat: Bool
        let hasTopic: Bool
        let whenCount: Int
        let stateOwnRank: Int

        /// True when `self` ranks before `other` by one of these criteria (idle rules first,
        /// then (a) to (e); a missing specificity ranks with any).
        func ranksBefore(_ other: Criteria) -> Bool {
            if idle != other.idle { return idle }
            if idleSeconds != other.idleSeconds { return idleSeconds < other.idleSeconds }
            if priority != other.priority { return priority > other.priority }
            if stateScoped != other.stateScoped { return stateScoped }
            if let a = specificity, let b = other.specificity, a != b { return a > b }
            if hasThat != other.hasThat { return hasThat }
            if hasTopic != other.hasTopic { return hasTopic }
            if whenCount != other.whenCount { return whenCount > other.whenCount }
            return stateOwnRank < other.stateOwnRank
        }
    }

    private let criteria: Criteria
    /// (g): position in mind order.
    private let order: Int

    /// The key of a respond or restate rule: (idle rules first), (a) to (e), (g).
    init(_ rule: CompiledRule) {
        criteria = Criteria(
            idle: rule.idle != nil, idleSeconds: rule.idle?.seconds ?? 0, priority: rule.priority,
            stateScoped: rule.isStateScoped, specificity: rule.specificity, hasThat: rule.that != nil,
            hasTopic: rule.topic != nil, whenCount: rule.conditions.count,
            stateOwnRank: rule.stateOwnRank)
        order = rule.order
    }

    /// The key of a generate rule: (a), (b), (d), (e), (g).
    init(generating rule: CompiledRule) {
        criteria = Criteria(
            idle: false, idleSeconds: 0, priority: rule.priority, stateScoped: rule.isStateScoped, specificity: nil,
            hasThat: false, hasTopic: false, whenCount: rule.conditions.count, stateOwnRank: rule.stateOwnRank)
        order = rule.order
    }

    /// Each rule's tier: rules of a smaller tier rank first at any form; rules of one tier differ
    /// only in (f) form and (g) document order, so (tier, form, order) sorts like the full ranking.
    /// A tier is the rank of the rule's criteria among the distinct ones, so only those (few) are
    /// sorted.
    static func tiers(of rules: [CompiledRule]) -> [Int32] {
        var numbers: [Criteria: Int32] = [:]
        var distinct: [Criteria] = []
        var tiers: [Int32] = []
        tiers.reserveCapacity(rules.count)
        for rule in rules {
            let criteria = RankKey(rule).criteria
            if let number = numbers[criteria] {
                tiers.append(number)
            } else {
                let number = Int32(distinct.count)
                numbers[criteria] = number
                distinct.append(criteria)
                tiers.append(number)
            }
        }
        // Distinct criteria differ in some criterion, so each ranks strictly before the next.
        var rank = [Int32](repeating: 0, count: distinct.count)
        for (position, number) in distinct.indices.sorted(by: { distinct[$0].ranksBefore(distinct[$1]) }).enumerated() {
            rank[number] = Int32(position)
        }
        for position in tiers.indices { tiers[position] = rank[Int(tiers[position])] }
        return tiers
    }

    static func < (left: RankKey, right: RankKey) -> Bool {
        if left.criteria.ranksBefore(right.criteria) { return true }
        if right.criteria.ranksBefore(left.criteria) { return false }
        return left.order < right.order
    }

    static func == (left: RankKey, right: RankKey) -> Bool {
        !(left < right) && !(right < left)
    }
}
