import ParleyMind

/// A mind ready to answer, with the name its users' state is stored under.
public struct ServedMind: Sendable {
    /// The store key: the mind's name, `file:` and the rulebase's path inside the minds folder,
    /// or a remote rulebase's normalised URL.
    public let name: String
    public let mind: Mind
}
