import Foundation

/// What is kept about conversations beyond their messages: who took part and how each ended,
/// ratings and reviews, consent, the block list, and erasing a person with an audit.
public protocol ConversationStore: Sendable {
    /// Stores a conversation, or updates a stored one (everything but its review).
    func saveConversation(_ conversation: ConversationRecord) async throws
    /// The conversation of a world, if stored.
    func conversation(_ worldID: String) async throws -> ConversationRecord?
    /// The conversations `query` selects.
    func conversations(_ query: ConversationQuery) async throws -> [ConversationRecord]
    /// The messages of one world, oldest first.
    func messages(inWorld worldID: String) async throws -> [MessageRecord]
    /// How many messages each of these worlds holds (worlds with none are left out).
    func messageCounts(inWorlds worldIDs: [String]) async throws -> [String: Int]
    /// The results of one world, oldest first.
    func results(inWorld worldID: String) async throws -> [WorldResult]
    /// Sets or clears a conversation's review; false when no such conversation is stored.
    func setReview(_ review: ConversationReview?, of worldID: String) async throws -> Bool

    /// The person's answer to the consent notice, if they gave one.
    func consent(of personID: String) async throws -> ConsentRecord?
    /// Stores a person's answer to the consent notice, replacing an earlier one.
    func saveConsent(_ consent: ConsentRecord) async throws

    /// Everyone blocked, oldest first.
    func blockedPeople() async throws -> [BlockedPerson]
    /// The block of this person, if blocked.
    func block(of personID: String) async throws -> BlockedPerson?
    /// Blocks a person (again, with the new note, when blocked already).
    func block(_ person: BlockedPerson) async throws
    /// Lifts a block; false when the person was not blocked.
    func unblock(_ personID: String) async throws -> Bool

    /// Erases everything kept about a person (their messages, results, onboarding data, ratings,
    /// consent and reply API state), puts ``EraseReport/placeholder`` for their id in the records
    /// of others, and adds the report to the erase audit. Others' own messages stay.
    func erasePerson(_ personID: String, actor: String) async throws -> EraseReport
    /// The erase audit, newest first, at most `limit` entries.
    func eraseAudit(limit: Int) async throws -> [EraseReport]
    /// Every person id the store holds anything about (conversations, results, consent, reply API
    /// state and exchanges; not the names bots and worlds speak under), sorted.
    func knownPeople() async throws -> [String]
    /// Deletes the conversations that ended before `date`, with their messages, and their results
    /// unless `keepResults`; returns how many conversations.
    func eraseConversations(endedBefore date: Date, keepResults: Bool) async throws -> Int
}
