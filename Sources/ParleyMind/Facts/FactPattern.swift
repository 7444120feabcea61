/// A fact with terms for arguments: a condition, an inference, an assertion or a retraction.
struct FactPattern: Sendable, Hashable, CustomStringConvertible {
    let name: String
    let terms: [Term]

    /// The variables the pattern names, in order of first appearance.
    var variables: [String] {
        var seen: [String] = []
        for case .variable(let name) in terms where !seen.contains(name) {
            seen.append(name)
        }
        return seen
    }

    /// The captures the pattern names.
    var captures: [String] {
        terms.compactMap { term in
            if case .capture(let name) = term { return name }
            return nil
        }
    }

    var description: String {
        terms.isEmpty ? name : name + "(" + terms.map(\.description).joined(separator: ", ") + ")"
    }

    /// The fact this pattern states once its variables and captures have values; nil when a
    /// variable is unbound or a term is a wildcard.
    func instantiate(_ bindings: Bindings) -> Fact? {
        var arguments: [String] = []
        for term in terms {
            guard let value = bindings.value(of: term) else { return nil }
            arguments.append(value)
        }
        return Fact(name: name, arguments: arguments)
    }

    /// The bindings extended so that the pattern unifies with `fact`, else nil.
    func unify(with fact: Fact, _ bindings: Bindings) -> Bindings? {
        unify(with: fact, bindings, keys: keys(bindings))
    }

    /// The comparison form of each term whose value `bindings` already gives (nil for wildcards
    /// and unbound variables), to unify one pattern with many facts without recomputing them.
    func keys(_ bindings: Bindings) -> [String?] {
        terms.map { term in
            if case .wildcard = term { return nil }
            return bindings.value(of: term).map(Fact.key)
        }
    }

    /// `unify(with:_:)` with the `keys(bindings)` of the same bindings.
    func unify(with fact: Fact, _ bindings: Bindings, keys: [String?]) -> Bindings? {
        guard fact.name == name, fact.arguments.count == terms.count else { return nil }
        var result = bindings
        for (position, term) in terms.enumerated() {
            if let key = keys[position] {
                guard key == fact.keys[position] else { return nil }
                continue
            }
            switch term {
            case .wildcard:
                continue
            case .variable(let variable) where result.variables[variable] == nil:
                result.variables[variable] = fact.arguments[position]
            default:
                // A variable bound earlier in this same pattern (`Likes(?x, ?x)`).
                guard let value = result.value(of: term), Fact.key(value) == fact.keys[position] else { return nil }
            }
        }
        return result
    }
}
