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

    func erasePerson(_ personID: String) async throws {
        try await store.erasePerson(personID)
    }
}
