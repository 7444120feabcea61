/// What deciding whether a rule may be tried this turn, and ranking it, reads from it, kept in a
/// flat array so a turn filters and sorts its candidates without touching the rules themselves.
struct RuleGate: Sendable {
    /// The rule's rank tier (`RankKey.tiers`): candidates sort by (tier, form, rule index).
    let tier: Int32
    /// The index of the rule's model.
    let model: Int32
    let scope: CompiledRule.Scope
    let once: Bool
    let startsWithIdle: Bool

    init(_ rule: CompiledRule, tier: Int32) {
        self.tier = tier
        model = Int32(rule.model)
        scope = rule.scope
        once = rule.once
        startsWithIdle = rule.startsWithIdle
    }
}
