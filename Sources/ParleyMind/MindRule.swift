/// One rule of a loaded mind, as tools show it (coverage, review).
public struct MindRule: Sendable, Hashable {
    /// The rule's id: its `id`, else `MODEL.N` (N counts the model's rules from 0, model-level
    /// rules first, then each group's, then each state's).
    public let id: String
    /// Where it is written, e.g. `models[0].states[1].rules[2]`.
    public let path: String
    /// `restate`, `respond` or `generate`.
    public let kind: String
    /// A respond rule with input `*` (or none), no conditions, not `once` and not idle: it answers
    /// whatever no more specific rule did.
    public let isCatchAll: Bool
}
