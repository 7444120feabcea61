import ParleyCore

/// Someone who took part in a world.
public struct ConversationParticipant: Sendable, Hashable, Codable {
    /// Whether a participant is a person, a bot or an operator who stepped in.
    public enum Kind: String, Sendable, Hashable, Codable {
        case person, bot, `operator`
    }

    /// A person's id, a bot's model key, or the operator's name.
    public var id: String
    /// The name the world showed them under (a person's display id).
    public var name: String
    public var kind: Kind
    /// The chat service a person came through (`websocket`, `messenger`, ...); nil for bots.
    public var service: String?
    /// What the task's onboarding world collected from the person (empty when none).
    public var onboarding: [String: JSONValue]

    public init(id: String, name: String, kind: Kind, service: String? = nil, onboarding: [String: JSONValue] = [:]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.service = service
        self.onboarding = onboarding
    }
}
