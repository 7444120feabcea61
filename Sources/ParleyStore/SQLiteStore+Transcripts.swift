import Foundation
import GRDB
import ParleyCore

extension SQLiteStore: TranscriptStore {
    public func append(_ records: [MessageRecord]) async throws {
        guard !records.isEmpty else { return }
        try await pool.write { db in try Self.insert(records, in: db) }
    }

    /// Inserts messages inside the caller's transaction.
    static func insert(_ records: [MessageRecord], in db: Database) throws {
        let insertMessage = try db.cachedStatement(sql: """
            INSERT INTO message (world_id, task, world, people, speaker, text, payload, time_us)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertPerson = try db.cachedStatement(sql: "INSERT INTO message_person (person_id, message_id) VALUES (?, ?)")
        for record in records {
            try insertMessage.execute(arguments: [
                record.worldID, record.task, record.world, StoredJSON.text(record.people), record.speaker,
                record.text, record.payload.map(StoredJSON.text), record.time.microsecondsSince1970,
            ])
            let id = db.lastInsertedRowID
            for person in StoredJSON.involved(record.people, speaker: record.speaker) {
                try insertPerson.execute(arguments: [person, id])
            }
        }
    }

    public func saveResult(_ result: WorldResult) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO world_result (world_id, task, world, people, data, time_us) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    result.worldID, result.task, result.world, StoredJSON.text(result.people),
                    StoredJSON.text(result.data), result.time.microsecondsSince1970,
                ])
            let id = db.lastInsertedRowID
            for person in StoredJSON.involved(result.people, speaker: nil) {
                try db.execute(sql: "INSERT INTO world_result_person (person_id, result_id) VALUES (?, ?)", arguments: [person, id])
            }
        }
    }

    public func messages(since: Date?) async throws -> [MessageRecord] {
        try await fetchMessages(since: since, after: nil, limit: nil).map(\.record)
    }

    public func messages(since: Date?, after cursor: MessageCursor?, limit: Int) async throws -> MessagePage {
        guard limit > 0 else { return MessagePage(records: [], next: nil) }
        let rows = try await fetchMessages(since: since, after: cursor, limit: limit + 1)
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last.map { MessageCursor(time: $0.record.time, sequence: $0.id) } : nil
        return MessagePage(records: page.map(\.record), next: next)
    }

    public func results(since: Date?) async throws -> [WorldResult] {
        let location = path
        return try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT world_id, task, world, people, data, time_us FROM world_result
                    WHERE time_us >= ? ORDER BY time_us, id
                    """,
                arguments: [since?.microsecondsSince1970 ?? Int64.min])
            return try rows.map { try Self.result(from: $0, location: location) }
        }
    }

    /// Messages ordered by time then id, with their ids, from `since` and after `cursor`.
    private func fetchMessages(since: Date?, after cursor: MessageCursor?, limit: Int?) async throws
        -> [(id: Int64, record: MessageRecord)]
    {
        let location = path
        return try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, world_id, task, world, people, speaker, text, payload, time_us FROM message
                    WHERE time_us >= ? AND (time_us, id) > (?, ?)
                    ORDER BY time_us, id LIMIT ?
                    """,
                arguments: [
                    since?.microsecondsSince1970 ?? Int64.min,
                    cursor?.time.microsecondsSince1970 ?? Int64.min, cursor?.sequence ?? Int64.min,
                    limit ?? -1,
                ])
            return try rows.map { row in
                let record = try Self.message(from: row, location: location)
                return (id: row["id"], record: record)
            }
        }
    }
}
