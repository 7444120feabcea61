/// One thing the worlds send a person on a chat service, in the order they send them.
public enum ServiceOutgoing: Sendable, Equatable {
    /// A message to show the person.
    case message(Message)
    /// Show (true) or hide (false) a typing indicator while a bot works.
    case typing(Bool)
    /// Something of the service's own, queued in order with the rest (e.g. Messenger's `mark_seen`).
    case action(String)
}
