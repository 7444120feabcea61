import ParleyWorlds

/// A bot model over a reply engine (the `mind` and `reply_api` kinds): each conversation keeps its
/// own state; the engine is shared.
public struct ReplyEngineModel<Engine: ReplyEngine>: BotModel {
    let engine: Engine

    public init(engine: Engine) {
        self.engine = engine
    }

    public func makeConversation() -> any BotConversation {
        ReplyEngineConversation(engine: engine)
    }
}
