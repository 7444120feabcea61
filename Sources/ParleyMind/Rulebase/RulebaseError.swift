/// A rulebase that cannot be loaded, with every error found (and the warnings found beside them).
public struct RulebaseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// All findings; at least one has severity `.error`.
    public let diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// The errors only.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// One finding per line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
