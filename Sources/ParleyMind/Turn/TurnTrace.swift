import ParleyCore

/// What happened in one turn, for people debugging a mind: the normalised input, substitutions,
/// the restate chain, the ranked candidates (and why each lost), the winner, its effects and the
/// rendered output. `description` is a readable report.
public struct TurnTrace: Sendable, CustomStringConvertible {
    /// How a ranked respond candidate fared.
    public enum Outcome: String, Sendable, Hashable {
        case won = "won"
        case noMatch = "pattern does not match"
        case conditionsFailed = "conditions do not hold"
        case outranked = "not checked: ranked below the winner"
    }

    /// One respond rule at one form, in rank order.
    public struct Candidate: Sendable, Hashable {
        public let rule: String
        /// Index into `forms`.
        public let form: Int
        public let outcome: Outcome
    }

    /// One restate rule firing.
    public struct Restatement: Sendable, Hashable {
        public let rule: String
        /// The rewritten form, if the rule has `to`.
        public let form: String?
        /// The facts it inferred, canonical.
        public let inferred: [String]
    }

    /// The trimmed NFC input.
    public internal(set) var input = ""
    public internal(set) var isControl = false
    /// Match forms of the input's tokens after substitutions (control inputs: the words inside).
    public internal(set) var tokens: [String] = []
    /// Substitutions applied, as `before -> after`; empty when none changed the input.
    public internal(set) var substitution: String?
    public internal(set) var restatements: [Restatement] = []
    /// The input and its restated forms.
    public internal(set) var forms: [String] = []
    public internal(set) var candidates: [Candidate] = []
    /// The winning rule's id, or nil when no rule answered.
    public internal(set) var winner: String?
    /// The winner's effects, e.g. `assert UserName(Joe)`, `goto main.asking`.
    public internal(set) var effects: [String] = []
    /// Generated intents, e.g. `@greet -> main.12`.
    public internal(set) var generated: [String] = []
    /// Anything else worth knowing (budget exhausted, restate chain ended, ...).
    public internal(set) var notes: [String] = []
    public internal(set) var output = ""
    public internal(set) var idle: Double?

    public init() {}

    public var description: String {
        var lines = ["input: \(input)" + (isControl ? " (control)" : "")]
        lines.append("tokens: " + tokens.joined(separator: " "))
        if let substitution { lines.append("substituted: \(substitution)") }
        for restatement in restatements {
            var line = "restate \(restatement.rule)"
            if let form = restatement.form { line += " -> \(form)" }
            if !restatement.inferred.isEmpty { line += " infer " + restatement.inferred.joined(separator: " ") }
            lines.append(line)
        }
        if forms.count > 1 {
            for (index, form) in forms.enumerated() { lines.append("form \(index): \(form)") }
        }
        if candidates.isEmpty { lines.append("candidates: none") }
        for candidate in candidates {
            lines.append("  \(candidate.rule) @form \(candidate.form): \(candidate.outcome.rawValue)")
        }
        lines.append("winner: " + (winner ?? "none"))
        for effect in effects { lines.append("  " + effect) }
        for generation in generated { lines.append("generate " + generation) }
        for note in notes { lines.append("note: " + note) }
        lines.append("output: \(output)")
        lines.append("idle: " + (idle.map(JSONWriter.numberText) ?? "none"))
        return lines.joined(separator: "\n")
    }
}
