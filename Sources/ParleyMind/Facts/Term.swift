/// One argument of a fact pattern, or one side of a comparison.
enum Term: Sendable, Hashable, CustomStringConvertible {
    /// A text value.
    case value(String)
    /// `?name`
    case variable(String)
    /// `{name}` or `{1}`: a pattern capture.
    case capture(String)
    /// `_`: matches anything, binds nothing.
    case wildcard

    var description: String {
        switch self {
        case .value(let value): Fact.canonical(value)
        case .variable(let name): "?" + name
        case .capture(let name): "{" + name + "}"
        case .wildcard: "_"
        }
    }
}
