import Foundation
import PostgresNIO

extension PostgresStore: WorldRunStore {
    public func saveWorldRun(_ run: SavedWorldRun, records: [MessageRecord]) async throws {
        let save: PostgresQuery = """
            INSERT INTO parley_world_run (world_id, server, people, body, saved)
            VALUES (\(run.id), \(run.server), \(run.people), \(run.body), \(PostgresTime(run.saved)))
            ON CONFLICT (world_id) DO UPDATE SET
                server = excluded.server, people = excluded.people, body = excluded.body, saved = excluded.saved
            """
        guard !records.isEmpty else {
            try await client.query(save, logger: logger)
            return
        }
        try await inTransaction { connection in
            try await insert(records, on: connection)
            try await connection.query(save, logger: logger)
        }
    }

    public func deleteWorldRun(id: String) async throws {
        try await client.query("DELETE FROM parley_world_run WHERE world_id = \(id)", logger: logger)
    }

    public func worldRuns(server: String) async throws -> [SavedWorldRun] {
        let rows = try await client.query(
            "SELECT world_id, people, body, saved FROM parley_world_run WHERE server = \(server) ORDER BY saved, world_id",
            logger: logger)
        var runs: [SavedWorldRun] = []
        for try await (id, people, body, saved) in rows.decode((String, [String], String, PostgresTime).self) {
            runs.append(SavedWorldRun(id: id, server: server, people: people, body: body, saved: saved.date))
        }
        return runs
    }
}
