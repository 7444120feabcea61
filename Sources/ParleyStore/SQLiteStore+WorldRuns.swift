import Foundation
import GRDB

extension SQLiteStore: WorldRunStore {
    public func saveWorldRun(_ run: SavedWorldRun, records: [MessageRecord]) async throws {
        let people = StoredJSON.text(run.people)
        try await groupCommit.write { db in
            try Self.insert(records, in: db)
            try db.execute(
                sql: """
                    INSERT INTO world_run (world_id, server, people, body, saved_us) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (world_id) DO UPDATE SET
                        server = excluded.server, people = excluded.people, body = excluded.body, saved_us = excluded.saved_us
                    """,
                arguments: [run.id, run.server, people, run.body, run.saved.microsecondsSince1970])
        }
    }

    public func deleteWorldRun(id: String) async throws {
        try await groupCommit.write { db in
            try db.execute(sql: "DELETE FROM world_run WHERE world_id = ?", arguments: [id])
        }
    }

    public func worldRuns(server: String) async throws -> [SavedWorldRun] {
        let location = path
        return try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT world_id, people, body, saved_us FROM world_run WHERE server = ? ORDER BY saved_us, world_id",
                arguments: [server]
            ).map { row in
                SavedWorldRun(
                    id: row["world_id"], server: server, people: try StoredJSON.people(row["people"], location: location),
                    body: row["body"], saved: Date(microsecondsSince1970: row["saved_us"]))
            }
        }
    }
}
