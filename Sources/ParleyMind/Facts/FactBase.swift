/// The facts conditions are checked against, in the order turn, world, static.
struct FactBase {
    /// Facts inferred this turn.
    var turn: [Fact]
    /// The conversation's world facts.
    var world: [Fact]
    /// The mind's static facts, by name, in document order.
    let statics: [String: [Fact]]

    /// Calls `body` with every fact with this name and arity, in order, until it returns false.
    func forEach(named name: String, arity: Int, _ body: (Fact) -> Bool) {
        for fact in turn where fact.name == name && fact.arguments.count == arity {
            guard body(fact) else { return }
        }
        for fact in world where fact.name == name && fact.arguments.count == arity {
            guard body(fact) else { return }
        }
        guard let statics = statics[name] else { return }
        for fact in statics where fact.arguments.count == arity {
            guard body(fact) else { return }
        }
    }
}
