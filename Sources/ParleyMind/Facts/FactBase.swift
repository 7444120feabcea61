/// The facts conditions are checked against, in the order turn, world, static.
struct FactBase {
    /// Facts inferred this turn.
    var turn: [Fact]
    /// The conversation's world facts.
    var world: [Fact]
    /// The mind's static facts, by name, in document order.
    let statics: [String: [Fact]]

    /// Every fact with this name and arity, in order.
    func facts(named name: String, arity: Int) -> [Fact] {
        var result: [Fact] = []
        for fact in turn where fact.name == name && fact.arguments.count == arity { result.append(fact) }
        for fact in world where fact.name == name && fact.arguments.count == arity { result.append(fact) }
        for fact in statics[name, default: []] where fact.arguments.count == arity { result.append(fact) }
        return result
    }
}
