import Foundation
import GRDB

extension SQLiteStore: MindStore {
    public func studioMinds() async throws -> [StudioMind] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "\(Self.mindColumns) ORDER BY name").map(Self.studioMind)
        }
    }

    public func studioMind(named name: String) async throws -> StudioMind? {
        try await pool.read { db in try Self.studioMind(named: name, in: db) }
    }

    public func createStudioMind(_ name: String, source: String, tests: String, time: Date) async throws -> StudioMind {
        try await pool.write { db in
            guard try Self.studioMind(named: name, in: db) == nil else { throw MindStoreError.nameTaken(name) }
            try db.execute(
                sql: "INSERT INTO studio_mind (name, source, tests, revision, updated_us) VALUES (?, ?, ?, 1, ?)",
                arguments: [name, source, tests, time.microsecondsSince1970])
            return StudioMind(name: name, source: source, tests: tests, revision: 1, updated: time, latestVersion: nil)
        }
    }

    public func saveDraft(_ name: String, source: String, tests: String, basedOn: Int64?, time: Date) async throws -> StudioMind {
        try await pool.write { db in
            guard var mind = try Self.studioMind(named: name, in: db) else { throw MindStoreError.missing(name) }
            if let basedOn, basedOn != mind.revision { throw MindStoreError.stale(current: mind) }
            mind.source = source
            mind.tests = tests
            mind.revision += 1
            mind.updated = time
            try db.execute(
                sql: "UPDATE studio_mind SET source = ?, tests = ?, revision = ?, updated_us = ? WHERE name = ?",
                arguments: [source, tests, mind.revision, time.microsecondsSince1970, name])
            return mind
        }
    }

    public func renameStudioMind(_ name: String, to newName: String) async throws {
        try await pool.write { db in
            guard try Self.studioMind(named: name, in: db) != nil else { throw MindStoreError.missing(name) }
            guard try Self.studioMind(named: newName, in: db) == nil else { throw MindStoreError.nameTaken(newName) }
            try db.execute(sql: "UPDATE studio_mind SET name = ? WHERE name = ?", arguments: [newName, name])
        }
    }

    public func deleteStudioMind(_ name: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM studio_mind WHERE name = ?", arguments: [name])
            guard db.changesCount > 0 else { throw MindStoreError.missing(name) }
        }
    }

    public func publish(_ name: String, source: String, hash: String, time: Date) async throws -> MindVersion {
        try await pool.write { db in
            guard try Self.studioMind(named: name, in: db) != nil else { throw MindStoreError.missing(name) }
            let last = try Int.fetchOne(db, sql: "SELECT max(number) FROM mind_version WHERE mind = ?", arguments: [name]) ?? 0
            let micros = time.microsecondsSince1970
            try db.execute(
                sql: "UPDATE mind_version SET superseded_us = ? WHERE mind = ? AND number = ?", arguments: [micros, name, last])
            try db.execute(
                sql: "INSERT INTO mind_version (mind, number, source, hash, published_us) VALUES (?, ?, ?, ?, ?)",
                arguments: [name, last + 1, source, hash, micros])
            return MindVersion(mind: name, number: last + 1, source: source, hash: hash, published: time, superseded: nil)
        }
    }

    public func versions(of name: String) async throws -> [MindVersion] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "\(Self.versionColumns) WHERE mind = ? ORDER BY number DESC", arguments: [name])
                .map(Self.mindVersion)
        }
    }

    public func version(_ number: Int, of name: String) async throws -> MindVersion? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "\(Self.versionColumns) WHERE mind = ? AND number = ?", arguments: [name, number])
                .map(Self.mindVersion)
        }
    }

    public func latestVersion(of name: String) async throws -> MindVersion? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "\(Self.versionColumns) WHERE mind = ? ORDER BY number DESC LIMIT 1", arguments: [name])
                .map(Self.mindVersion)
        }
    }

    public func reviewedExchanges(mind: String, since: Date, until: Date, limit: Int) async throws -> [ReviewedExchange] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT input, rule, time_us, version FROM exchange WHERE mind = ? AND time_us >= ? AND time_us < ?
                    ORDER BY time_us DESC LIMIT ?
                    """,
                arguments: [mind, since.microsecondsSince1970, until.microsecondsSince1970, limit]
            ).map { row in
                ReviewedExchange(
                    input: row["input"], rule: row["rule"], time: Date(microsecondsSince1970: row["time_us"]), version: row["version"])
            }
        }
    }

    private static let mindColumns = """
        SELECT name, source, tests, revision, updated_us,
            (SELECT max(number) FROM mind_version WHERE mind = studio_mind.name) AS latest
        FROM studio_mind
        """

    private static let versionColumns = "SELECT mind, number, source, hash, published_us, superseded_us FROM mind_version"

    private static func studioMind(named name: String, in db: Database) throws -> StudioMind? {
        try Row.fetchOne(db, sql: "\(mindColumns) WHERE name = ?", arguments: [name]).map(studioMind)
    }

    private static func studioMind(_ row: Row) -> StudioMind {
        StudioMind(
            name: row["name"], source: row["source"], tests: row["tests"], revision: row["revision"],
            updated: Date(microsecondsSince1970: row["updated_us"]), latestVersion: row["latest"])
    }

    private static func mindVersion(_ row: Row) -> MindVersion {
        MindVersion(
            mind: row["mind"], number: row["number"], source: row["source"], hash: row["hash"],
            published: Date(microsecondsSince1970: row["published_us"]),
            superseded: (row["superseded_us"] as Int64?).map(Date.init(microsecondsSince1970:)))
    }
}
