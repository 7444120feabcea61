import ParleyMind

/// Why the mind library cannot give a mind.
public enum MindLibraryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No such mind name, no readable rulebase at the URL, or a `file:` URL outside the minds folder.
    case unknownMind(String)
    /// The rulebase (named by `source`, a mind name or path) failed validation.
    case invalidRulebase(source: String, diagnostics: [Diagnostic])
    /// A remote rulebase cannot be fetched (or is not allowed).
    case unreachable(String)
    /// The library's own settings are wrong (bad or duplicate mind names).
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .unknownMind(let message), .unreachable(let message), .invalidConfiguration(let message):
            message
        case .invalidRulebase(let source, let diagnostics):
            "\(source): " + diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "; ")
        }
    }
}
