/// Why an operator's action on a running world was refused.
public enum LiveWorldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No running world has this id (it ended, or never was).
    case unknownWorld(String)
    /// The operator is not in this world: join it first.
    case notJoined(String)
    /// The operator's name or message is empty or too long.
    case invalid(String)

    public var description: String {
        switch self {
        case .unknownWorld(let id): "no running world has the id \(id); it may have ended"
        case .notJoined(let id): "no operator is in world \(id): join it first"
        case .invalid(let problem): problem
        }
    }
}
