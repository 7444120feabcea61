import ParleyStore
import ParleyWorlds

/// A bot model over a reply engine (the `mind` and `reply_api` kinds): each conversation keeps its
/// own state; the engine is shared.
public struct ReplyEngineModel<Engine: ReplyEngine>: BotModel {
    let engine: Engine
    let log: ExchangeLog?

    /// With `log`, each answer to what a person said is logged as an exchange of the person's.
    public init(engine: Engine, log: ExchangeLog? = nil) {
        self.engine = engine
        self.log = log
    }

    public func makeConversation() -> any BotConversation {
        ReplyEngineConversation(engine: engine, log: nil, audience: [])
    }

    public func makeConversation(audience: [PersonAgent]) -> any BotConversation {
        ReplyEngineConversation(engine: engine, log: log, audience: audience)
    }
}
