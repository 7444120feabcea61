import Logging
import ParleyStore
import ParleyCore

/// What a world is made with: its people, the config's options, and access to bots and the store.
public struct WorldContext: Sendable {
    /// Unique id of this world instance (also in its transcript records).
    public let worldID: String
    /// The task name from the config, or `overworld`.
    public let task: String
    /// The world's registered name.
    public let worldName: String
    /// The people in the world, in pool order.
    public let agents: [PersonAgent]
    /// The config's `opt`.
    public let opt: [String: JSONValue]
    /// The config's task names, in file order (what a menu offers).
    public let taskNames: [String]
    /// A logger for the world.
    public let logger: Logger
    /// The config file's path.
    public let configFile: String
    let models: BotModels
    let recorder: TranscriptRecorder
    let metrics: WorldMetrics
    let control: WorldControl

    /// A path from the config: an absolute one as it is, a relative one from the config file's
    /// folder.
    public func resolvedPath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = configFile.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return folder.isEmpty ? path : folder + "/" + path
    }

    /// The first (often the only) person.
    public var agent: PersonAgent { agents[0] }

    /// A bot for this world: the model under `key`, else `opt.model_key`, else the only model.
    public func makeBot(key: String? = nil) throws -> BotAgent {
        let bot = try models.makeBot(key: key, audience: agents, logger: logger, metrics: metrics, control: control)
        recorder.addParticipant(ConversationParticipant(id: bot.displayID, name: bot.displayID, kind: .bot))
        return bot
    }

    /// Saves what the world collected as a world result in the transcript store.
    public func saveResult(_ data: JSONValue) async throws {
        try await recorder.saveResult(data)
    }
}
