/// The values a rule sees: its pattern's captures and the variables its conditions bound.
struct Bindings: Sendable, Hashable {
    /// Named captures.
    var named: [String: String] = [:]
    /// Positional captures `{1}`, `{2}`, ...
    var positional: [String] = []
    /// Variables bound so far, with the spelling of the fact they came from.
    var variables: [String: String] = [:]

    /// A capture's value: "" when it took no part or does not exist.
    func capture(_ name: String) -> String {
        if let number = Int(name), number >= 1 {
            return number <= positional.count ? positional[number - 1] : ""
        }
        return named[name] ?? ""
    }

    /// The value of a term; nil for a wildcard or an unbound variable.
    func value(of term: Term) -> String? {
        switch term {
        case .value(let value): value
        case .variable(let name): variables[name]
        case .capture(let name): capture(name)
        case .wildcard: nil
        }
    }
}
