/// A kind of bot model a config can name in `opt.models.KEY.model` (e.g. `echo`, `mind`).
public struct BotModelKind: Sendable {
    /// The name used in configs.
    public let name: String
    /// Loads a model from its config entry. Errors should name the problem; the runtime adds the
    /// file and key.
    public let load: @Sendable (_ settings: BotModelSettings) throws -> any BotModel

    public init(name: String, load: @escaping @Sendable (_ settings: BotModelSettings) throws -> any BotModel) {
        self.name = name
        self.load = load
    }

    /// Replies with what it was told (text and payload).
    public static let echo = BotModelKind(name: "echo") { settings in
        try settings.allowOnly([])
        return EchoModel()
    }

    /// Says its `replies` in turn, from the first again after the last.
    public static let `repeat` = BotModelKind(name: "repeat") { settings in
        try settings.allowOnly(["replies"])
        return RepeatModel(replies: try settings.texts("replies"))
    }
}
