import ParleyMind

/// A mind ready to answer, with the name its users' state is stored under.
public struct ServedMind: Sendable {
    /// The store key: the mind's name, `file:` and the rulebase's path inside the minds folder,
    /// or a remote rulebase's normalised URL.
    public let name: String
    public let mind: Mind
    /// The studio version it is, nil for a mind that is not a published version.
    public let version: Int?

    public init(name: String, mind: Mind, version: Int? = nil) {
        self.name = name
        self.mind = mind
        self.version = version
    }
}
