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
    /// The line (from 1) of the source text the finding points at, when known.
    public var line: Int?
    /// The column (from 1, in Unicode scalars) on that line, when known.
    public var column: Int?
    /// The id of the rule the finding is in (as traces and tests name rules), when it is in one.
    public var rule: String?

    public init(path: String, message: String, severity: Severity, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.message = message
        self.severity = severity
        self.line = line
        self.column = column
    }

    /// `path: message`, prefixed with `warning: ` for warnings.
    public var description: String {
        let located = path.isEmpty ? message : "\(path): \(message)"
        return severity == .warning ? "warning: \(located)" : located
    }

    /// `FILE:LINE:COLUMN: ` and the description, as compilers print findings (`FILE: ` when the
    /// line is unknown).
    public func described(in file: String) -> String {
        let place = [file, line.map(String.init), line == nil ? nil : column.map(String.init)].compactMap { $0 }
        return place.joined(separator: ":") + ": " + description
    }
}
