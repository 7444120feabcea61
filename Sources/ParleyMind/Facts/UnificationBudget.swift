/// The unifications one turn may still try (docs/minds-reference.md#limits); shared by restate,
/// respond, generate and the idle computation of the turn.
final class UnificationBudget {
    static let limit = 10_000

    private(set) var used = 0
    /// Set once a try was refused.
    private(set) var isExhausted = false

    /// Takes one unification; false when none is left.
    func spend() -> Bool {
        guard used < Self.limit else {
            isExhausted = true
            return false
        }
        used += 1
        return true
    }
}
