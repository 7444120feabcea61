import Foundation
import ParleyCore
import PostgresNIO

extension PostgresStore: TranscriptStore {
    public func append(_ records: [MessageRecord]) async throws {
        guard !records.isEmpty else { return }
        try await inTransaction { connection in try await insert(records, on: connection) }
    }

    /// Inserts messages on `connection`, inside its transaction.
    func insert(_ records: [MessageRecord], on connection: PostgresConnection) async throws {
        for record in records {
            try await connection.query(
                """
                INSERT INTO parley_message (world_id, task, world, people, speaker, text, payload, time)
                VALUES (\(record.worldID), \(record.task), \(record.world), \(record.people), \(record.speaker),
                    \(record.text), \(record.payload.map(StoredJSON.text)),
                    'epoch'::timestamptz + interval '1 microsecond' * \(record.time.microsecondsSince1970))
                """, logger: logger)
        }
    }

    public func saveResult(_ result: WorldResult) async throws {
        try await client.query(
            """
            INSERT INTO parley_world_result (world_id, task, world, people, data, time)
            VALUES (\(result.worldID), \(result.task), \(result.world), \(result.people), \(StoredJSON.text(result.data)),
                'epoch'::timestamptz + interval '1 microsecond' * \(result.time.microsecondsSince1970))
            """, logger: logger)
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
        let rows = try await client.query(
            """
            SELECT world_id, task, world, people, data, (extract(epoch FROM time) * 1000000)::int8
            FROM parley_world_result
            WHERE \(since?.microsecondsSince1970)::int8 IS NULL
                OR time >= 'epoch'::timestamptz + interval '1 microsecond' * \(since?.microsecondsSince1970)::int8
            ORDER BY time, id
            """, logger: logger)
        var results: [WorldResult] = []
        for try await (worldID, task, world, people, data, time) in rows.decode((String, String, String, [String], String, Int64).self) {
            results.append(
                WorldResult(
                    worldID: worldID, task: task, world: world, people: people,
                    data: try StoredJSON.value(data, field: "result data", location: location),
                    time: Date(microsecondsSince1970: time)))
        }
        return results
    }

    /// Messages ordered by time then id, with their ids, from `since` and after `cursor`.
    private func fetchMessages(since: Date?, after cursor: MessageCursor?, limit: Int?) async throws
        -> [(id: Int64, record: MessageRecord)]
    {
        let sinceTime = since?.microsecondsSince1970
        let cursorTime = cursor?.time.microsecondsSince1970
        let rows = try await client.query(
            """
            SELECT id, world_id, task, world, people, speaker, text, payload, (extract(epoch FROM time) * 1000000)::int8
            FROM parley_message
            WHERE (\(sinceTime)::int8 IS NULL
                    OR time >= 'epoch'::timestamptz + interval '1 microsecond' * \(sinceTime)::int8)
                AND (\(cursorTime)::int8 IS NULL
                    OR (time, id) > ('epoch'::timestamptz + interval '1 microsecond' * \(cursorTime)::int8, \(cursor?.sequence)::int8))
            ORDER BY time, id
            LIMIT \(limit.map(Int64.init))::int8
            """, logger: logger)
        var records: [(id: Int64, record: MessageRecord)] = []
        for try await (id, worldID, task, world, people, speaker, text, payload, time) in rows.decode(
            (Int64, String, String, String, [String], String, String, String?, Int64).self)
        {
            let record = MessageRecord(
                worldID: worldID, task: task, world: world, people: people, speaker: speaker, text: text,
                payload: try payload.map { try StoredJSON.value($0, field: "payload", location: location) },
                time: Date(microsecondsSince1970: time))
            records.append((id: id, record: record))
        }
        return records
    }
}
