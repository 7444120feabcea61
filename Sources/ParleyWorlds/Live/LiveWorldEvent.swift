import ParleyStore

/// What happens to running worlds, as ``LiveWorlds/events()`` tells it.
public enum LiveWorldEvent: Sendable, Hashable {
    /// Every running world when the watch began (always the first event).
    case snapshot([LiveWorldView])
    case started(LiveWorldView)
    /// A message was recorded in a world.
    case message(worldID: String, MessageRecord)
    case ended(worldID: String, ConversationEnding)
    /// An operator joined or left a world, or paused or resumed its bots.
    case operatorChanged(worldID: String, name: String?, botsPaused: Bool)
}
