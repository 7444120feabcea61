/// One entry of a rule's `when` (docs/minds-reference.md#facts-and-conditions).
enum Condition: Sendable, Hashable, CustomStringConvertible {
    /// Some fact unifies.
    case fact(FactPattern)
    /// No fact unifies (`not ...`).
    case absent(FactPattern)
    /// `left op right`.
    case comparison(Term, ComparisonOperator, Term)

    var description: String {
        switch self {
        case .fact(let pattern): pattern.description
        case .absent(let pattern): "not " + pattern.description
        case .comparison(let left, let op, let right): "\(left) \(op.rawValue) \(right)"
        }
    }
}

/// The comparison operators of conditions.
enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// `=`/`!=` compare text ignoring case; the others compare exact decimals and are false
    /// when either side is not a number.
    func holds(_ left: String, _ right: String) -> Bool {
        switch self {
        case .equal: return Fact.key(left) == Fact.key(right)
        case .notEqual: return Fact.key(left) != Fact.key(right)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let a = DecimalNumber(left), let b = DecimalNumber(right) else { return false }
            switch self {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            default: return a >= b
            }
        }
    }
}
