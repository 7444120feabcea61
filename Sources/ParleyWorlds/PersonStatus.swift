/// Where a person stands in the worlds, for services that show a status line (the chat page).
public enum PersonStatus: Sendable, Hashable {
    /// Waiting in the pool of `task` for other people.
    case waiting(task: String)
    /// In a task world with these other people (their display names).
    case paired(with: [String])
    /// A partner's connection dropped; they may come back within the resume window.
    case partnerAway(String)
    /// A partner who was away came back.
    case partnerBack(String)
    /// A partner closed their chat; the world ends unless they come back at once (a reload).
    case partnerLeft(String)
    /// None of the above any more: back at the menu, or the world ended.
    case clear
}
