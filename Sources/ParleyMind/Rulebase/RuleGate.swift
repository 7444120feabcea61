/// What deciding whether a rule may be tried this turn reads from it, kept in a flat array so a
/// turn filters its candidates without touching the rules themselves.
struct RuleGate: Sendable {
    let model: Int
    let scope: CompiledRule.Scope
    let once: Bool
    let startsWithIdle: Bool

    init(_ rule: CompiledRule) {
        model = rule.model
        scope = rule.scope
        once = rule.once
        startsWithIdle = rule.startsWithIdle
    }
}
