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
        guard fact.name == name, fact.arguments.count == terms.count else { return nil }
        var result = bindings
        for (position, term) in terms.enumerated() {
            switch term {
            case .wildcard:
                continue
            case .variable(let variable) where result.variables[variable] == nil:
                result.variables[variable] = fact.arguments[position]
            default:
                guard let value = result.value(of: term), Fact.key(value) == fact.keys[position] else { return nil }
            }
        }
        return result
    }
}
