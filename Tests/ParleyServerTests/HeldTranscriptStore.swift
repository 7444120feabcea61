import Foundation
import ParleyStore
import Synchronization

/// The real SQLite store, except that appending can be held back: a test sees what the server does
/// while message records wait to be stored.
final class HeldTranscriptStore: TranscriptStore {
    private struct State {
        var isHeld = false
        var held: [CheckedContinuation<Void, Never>] = []
    }

    let store: SQLiteStore
    private let state = Mutex(State())

    init(_ store: SQLiteStore) {
        self.store = store
    }

    /// Appends from now on wait until `release()`.
    func hold() {
        state.withLock { $0.isHeld = true }
    }

    /// Lets waiting and later appends through.
    func release() {
        let held = state.withLock { state in
            state.isHeld = false
            defer { state.held = [] }
            return state.held
        }
        for continuation in held { continuation.resume() }
    }

    func append(_ records: [MessageRecord]) async throws {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isHeld = state.withLock { state in
                if state.isHeld { state.held.append(continuation) }
                return state.isHeld
            }
            if !isHeld { continuation.resume() }
        }
        try await store.append(records)
    }

    func saveResult(_ result: WorldResult) async throws {
        try await store.saveResult(result)
    }

    func messages(since: Date?) async throws -> [MessageRecord] {
        try await store.messages(since: since)
    }

    func messages(since: Date?, after cursor: MessageCursor?, limit: Int) async throws -> MessagePage {
        try await store.messages(since: since, after: cursor, limit: limit)
    }

    func results(since: Date?) async throws -> [WorldResult] {
        try await store.results(since: since)
    }

    func saveConversation(_ conversation: ConversationRecord) async throws { try await store.saveConversation(conversation) }
    func conversation(_ worldID: String) async throws -> ConversationRecord? { try await store.conversation(worldID) }
    func conversations(_ query: ConversationQuery) async throws -> [ConversationRecord] { try await store.conversations(query) }
    func messages(inWorld worldID: String) async throws -> [MessageRecord] { try await store.messages(inWorld: worldID) }
    func results(inWorld worldID: String) async throws -> [WorldResult] { try await store.results(inWorld: worldID) }
    func messageCounts(inWorlds worldIDs: [String]) async throws -> [String: Int] { try await store.messageCounts(inWorlds: worldIDs) }
    func setReview(_ review: ConversationReview?, of worldID: String) async throws -> Bool {
        try await store.setReview(review, of: worldID)
    }
    func consent(of personID: String) async throws -> ConsentRecord? { try await store.consent(of: personID) }
    func saveConsent(_ consent: ConsentRecord) async throws { try await store.saveConsent(consent) }
    func blockedPeople() async throws -> [BlockedPerson] { try await store.blockedPeople() }
    func block(of personID: String) async throws -> BlockedPerson? { try await store.block(of: personID) }
    func block(_ person: BlockedPerson) async throws { try await store.block(person) }
    func unblock(_ personID: String) async throws -> Bool { try await store.unblock(personID) }
    func erasePerson(_ personID: String, actor: String) async throws -> EraseReport {
        try await store.erasePerson(personID, actor: actor)
    }
    func eraseAudit(limit: Int) async throws -> [EraseReport] { try await store.eraseAudit(limit: limit) }
    func knownPeople() async throws -> [String] { try await store.knownPeople() }
    func eraseConversations(endedBefore date: Date, keepResults: Bool) async throws -> Int {
        try await store.eraseConversations(endedBefore: date, keepResults: keepResults)
    }
}
