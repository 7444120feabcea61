/// One load-time finding about a rulebase: where it is, what is wrong, and how bad.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How bad a finding is: errors stop loading, warnings do not.
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    /// Where in the document, e.g. `models[0].rules[3].input`; empty for the whole document.
    public let path: String
    /// What is wrong, e.g. `unbalanced '(' at column 7`.
    public let message: String
    public let severity: Severity

    public init(path: String, message: String, severity: Severity) {
        self.path = path
        self.message = message
        self.severity = severity
    }

    /// `path: message`, prefixed with `warning: ` for warnings.
    public var description: String {
        let located = path.isEmpty ? message : "\(path): \(message)"
        return severity == .warning ? "warning: \(located)" : located
    }
}
