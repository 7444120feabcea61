/// Checks a rule's conditions left to right with backtracking (docs/minds-reference.md#facts-and-conditions).
struct ConditionSolver {
    let facts: FactBase
    let budget: UnificationBudget

    /// The first solution extending `bindings`, or nil when the conditions cannot all hold.
    func solve(_ conditions: [Condition], _ bindings: Bindings) -> Bindings? {
        solve(conditions[...], bindings)
    }

    /// Every solution extending `bindings`, in order, at most `limit`.
    func solveAll(_ conditions: [Condition], _ bindings: Bindings, limit: Int) -> [Bindings] {
        var found: [Bindings] = []
        _ = enumerate(conditions[...], bindings) { solution in
            found.append(solution)
            return found.count < limit
        }
        return found
    }

    /// Calls `yield` with each solution until it answers false; false when it stopped.
    private func enumerate(_ conditions: ArraySlice<Condition>, _ bindings: Bindings, _ yield: (Bindings) -> Bool)
        -> Bool
    {
        guard let condition = conditions.first else { return yield(bindings) }
        let rest = conditions.dropFirst()
        switch condition {
        case .fact(let pattern):
            let keys = pattern.keys(bindings)
            var going = true
            facts.forEach(named: pattern.name, arity: pattern.terms.count) { fact in
                guard budget.spend() else {
                    going = false
                    return false
                }
                if let unified = pattern.unify(with: fact, bindings, keys: keys) {
                    going = enumerate(rest, unified, yield)
                }
                return going
            }
            return going
        case .absent, .comparison:
            guard let next = solve(conditions.prefix(1), bindings) else { return true }
            return enumerate(rest, next, yield)
        }
    }

    private func solve(_ conditions: ArraySlice<Condition>, _ bindings: Bindings) -> Bindings? {
        guard let condition = conditions.first else { return bindings }
        let rest = conditions.dropFirst()
        switch condition {
        case .fact(let pattern):
            let keys = pattern.keys(bindings)
            var solution: Bindings?
            facts.forEach(named: pattern.name, arity: pattern.terms.count) { fact in
                guard budget.spend() else { return false }
                if let unified = pattern.unify(with: fact, bindings, keys: keys) {
                    solution = solve(rest, unified)
                }
                return solution == nil
            }
            return solution
        case .absent(let pattern):
            let keys = pattern.keys(bindings)
            var holds = true
            facts.forEach(named: pattern.name, arity: pattern.terms.count) { fact in
                guard budget.spend() else {
                    holds = false
                    return false
                }
                if pattern.unify(with: fact, bindings, keys: keys) != nil { holds = false }
                return holds
            }
            return holds ? solve(rest, bindings) : nil
        case .comparison(let left, let op, let right):
            guard let leftValue = bindings.value(of: left), let rightValue = bindings.value(of: right),
                op.holds(leftValue, rightValue)
            else { return nil }
            return solve(rest, bindings)
        }
    }
}
