import ParleyCore

/// A kind of bot model a config can name in `opt.models.KEY.model` (e.g. `echo`).
public struct BotModelKind: Sendable {
    /// The name used in configs.
    public let name: String
    /// Loads a model from its settings; `settings` holds every key of the config entry.
    /// Errors should name the problem; the runtime adds the file and key.
    public let load: @Sendable (_ settings: [String: JSONValue]) throws -> any BotModel

    public init(name: String, load: @escaping @Sendable (_ settings: [String: JSONValue]) throws -> any BotModel) {
        self.name = name
        self.load = load
    }

    /// Replies with what it was told (text and payload): a stand-in until real models are configured.
    public static let echo = BotModelKind(name: "echo") { _ in EchoModel() }
}
