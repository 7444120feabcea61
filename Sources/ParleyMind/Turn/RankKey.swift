/// A rule's place in the ranking of mind-language.md section 6; smaller keys rank first.
struct RankKey: Comparable {
    private let idle: Bool
    private let idleSeconds: Double
    private let priority: Int
    private let stateScoped: Bool
    private let specificity: Specificity?
    private let whenCount: Int
    private let stateOwnRank: Int
    private let form: Int
    private let order: Int

    /// The key of a respond or restate rule at a form: (idle rules first), (a) to (g).
    init(_ rule: CompiledRule, form: Int) {
        idle = rule.idle != nil
        idleSeconds = rule.idle?.seconds ?? 0
        priority = rule.priority
        stateScoped = rule.isStateScoped
        specificity = rule.specificity
        whenCount = rule.conditions.count
        stateOwnRank = rule.stateOwnRank
        self.form = form
        order = rule.order
    }

    /// The key of a generate rule: (a), (b), (d), (e), (g).
    init(generating rule: CompiledRule) {
        idle = false
        idleSeconds = 0
        priority = rule.priority
        stateScoped = rule.isStateScoped
        specificity = nil
        whenCount = rule.conditions.count
        stateOwnRank = rule.stateOwnRank
        form = 0
        order = rule.order
    }

    /// Each rule's tier: rules of a smaller tier rank first at any form; rules of one tier differ
    /// only in (f) form and (g) document order, so (tier, form, order) sorts like the full key.
    /// A tier is the rank of the rule's criteria before (f) among the distinct ones, so only
    /// those (few) are sorted.
    static func tiers(of rules: [CompiledRule]) -> [Int32] {
        var numbers: [BeforeForm: Int32] = [:]
        var distinct: [RankKey] = []
        var tiers: [Int32] = []
        tiers.reserveCapacity(rules.count)
        for rule in rules {
            let key = RankKey(copying: RankKey(rule, form: 0), form: 0, order: 0)
            let criteria = BeforeForm(key)
            if let number = numbers[criteria] {
                tiers.append(number)
            } else {
                let number = Int32(distinct.count)
                numbers[criteria] = number
                distinct.append(key)
                tiers.append(number)
            }
        }
        // Distinct criteria differ in some criterion, so each ranks strictly before the next.
        var rank = [Int32](repeating: 0, count: distinct.count)
        for (position, number) in distinct.indices.sorted(by: { distinct[$0] < distinct[$1] }).enumerated() {
            rank[number] = Int32(position)
        }
        for position in tiers.indices { tiers[position] = rank[Int(tiers[position])] }
        return tiers
    }

    /// The criteria before (f), hashable: keys with equal ones are in one tier.
    private struct BeforeForm: Hashable {
        let idle: Bool
        let idleSeconds: Double
        let priority: Int
        let stateScoped: Bool
        let specificity: Specificity?
        let whenCount: Int
        let stateOwnRank: Int

        init(_ key: RankKey) {
            idle = key.idle
            idleSeconds = key.idleSeconds
            priority = key.priority
            stateScoped = key.stateScoped
            specificity = key.specificity
            whenCount = key.whenCount
            stateOwnRank = key.stateOwnRank
        }
    }

    private init(copying key: RankKey, form: Int, order: Int) {
        idle = key.idle
        idleSeconds = key.idleSeconds
        priority = key.priority
        stateScoped = key.stateScoped
        specificity = key.specificity
        whenCount = key.whenCount
        stateOwnRank = key.stateOwnRank
        self.form = form
        self.order = order
    }

    static func < (left: RankKey, right: RankKey) -> Bool {
        if left.idle != right.idle { return left.idle }
        if left.idleSeconds != right.idleSeconds { return left.idleSeconds < right.idleSeconds }
        if left.priority != right.priority { return left.priority > right.priority }
        if left.stateScoped != right.stateScoped { return left.stateScoped }
        if let a = left.specificity, let b = right.specificity, a != b { return a > b }
        if left.whenCount != right.whenCount { return left.whenCount > right.whenCount }
        if left.stateOwnRank != right.stateOwnRank { return left.stateOwnRank < right.stateOwnRank }
        if left.form != right.form { return left.form < right.form }
        return left.order < right.order
    }

    static func == (left: RankKey, right: RankKey) -> Bool {
        !(left < right) && !(right < left)
    }
}
