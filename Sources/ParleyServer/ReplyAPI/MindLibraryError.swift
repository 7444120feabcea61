import ParleyMind

/// Why the mind library cannot give a mind.
public enum MindLibraryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No such mind name, no readable rulebase at the URL, a `file:` URL outside the minds folder,
    /// or an `http(s)` URL (or redirect) outside the allowed prefixes.
    case unknownMind(String)
    /// The rulebase (named by `source`, a mind name or path) failed validation.
    case invalidRulebase(source: String, diagnostics: [Diagnostic])
    /// An allowed remote rulebase cannot be fetched: unreachable host, timeout, error status, too large.
    case unreachable(String)
    /// The library's own settings are wrong (bad or duplicate mind names, unusable allowed URL prefixes).
    case invalidConfiguration(String)
    /// A published version that was superseded longer ago than versions are kept.
    case retired(String)
    /// The store holding the studio's versions failed.
    case storeFailed(String)

    public var description: String {
        switch self {
        case .unknownMind(let message), .unreachable(let message), .invalidConfiguration(let message),
            .retired(let message), .storeFailed(let message):
            message
        case .invalidRulebase(let source, let diagnostics):
            "\(source): " + diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "; ")
        }
    }
}
