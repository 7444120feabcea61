/// How specific a pattern is (mind language section 6(c)); more specific compares greater.
public struct Specificity: Sendable, Hashable, Comparable {
    /// Literal words.
    public let literals: Int
    /// `~concept` references.
    public let concepts: Int
    /// Single-word wildcards: `_`, `#`, `{x:_}`, `{x:#}`.
    public let singles: Int
    /// Multi-word wildcards: `*`, `+`, `{x}`, `{x:*}`.
    public let multis: Int

    /// A specificity with the given counts.
    public init(literals: Int, concepts: Int, singles: Int, multis: Int) {
        self.literals = literals
        self.concepts = concepts
        self.singles = singles
        self.multis = multis
    }

    /// The specificity of a rule without input: zero everywhere.
    public static let zero = Specificity(literals: 0, concepts: 0, singles: 0, multis: 0)

    /// More literals, then more concepts, then more singles, then fewer multis is greater.
    public static func < (lhs: Specificity, rhs: Specificity) -> Bool {
        (lhs.literals, lhs.concepts, lhs.singles, rhs.multis)
            < (rhs.literals, rhs.concepts, rhs.singles, lhs.multis)
    }
}
