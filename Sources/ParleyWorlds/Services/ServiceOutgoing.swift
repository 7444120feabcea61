import ParleyCore

/// One thing the worlds send a person on a chat service, in the order they send them.
public enum ServiceOutgoing: Sendable, Equatable {
    /// A message to show the person.
    case message(Message)
    /// Show (true) or hide (false) a typing indicator while a bot works.
    case typing(Bool)
    /// A call of the service's own, by name and with a JSON body if it needs one, queued in order
    /// with the rest (Messenger's `mark_seen`, Telegram's `answerCallbackQuery`, Slack's `chat.update`).
    case action(String, body: JSONValue? = nil)
}
