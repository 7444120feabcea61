import Foundation
import GRDB

extension SQLiteStore: UserStateStore {
    public func exchange<T: Sendable>(
        mind: String, userID: String, turn: @escaping @Sendable (UserRecord?) throws -> ExchangeTurn<T>
    ) async throws -> T {
        try await userQueue.run(mind + "\u{0}" + userID) {
            while true {
                // The turn reads the record, runs and stores its update in a write transaction
                // shared with the other users' exchanges waiting at that moment.
                let outcome = try await groupCommit.write { db -> TurnOutcome<T> in
                    let (record, version) = try Self.userRecord(db, mind: mind, userID: userID)
                    switch try turn(record) {
                    case .finished(let update, let value):
                        try Self.store(update, mind: mind, userID: userID, in: db)
                        return .stored(value)
                    case .needsTime(let work):
                        return .needsTime(work, version: version)
                    }
                }
                switch outcome {
                case .stored(let value):
                    return value
                case .needsTime(let work, let version):
                    // Another process may update the user while the work runs: the write then
                    // finds a different version, stores nothing, and the exchange runs again.
                    let (update, value) = try await work()
                    let stored = try await groupCommit.write { db in
                        guard try Self.userRecord(db, mind: mind, userID: userID).version == version else { return false }
                        try Self.store(update, mind: mind, userID: userID, in: db)
                        return true
                    }
                    if stored { return value }
                }
            }
        }
    }

    public func transcript(mind: String?, userID: String, after: Int64?, limit: Int) async throws -> [LoggedExchange] {
        guard limit > 0 else { return [] }
        return try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, mind, user_id, input, output, time_us, rule FROM exchange
                    WHERE user_id = ? AND id > ? AND (? IS NULL OR mind = ?)
                    ORDER BY id LIMIT ?
                    """,
                arguments: [userID, after ?? Int64.min, mind, mind, limit])
            return rows.map(Self.loggedExchange)
        }
    }

    public func logExchange(mind: String, userID: String, _ exchange: Exchange) async throws {
        try await groupCommit.write { db in try Self.insert(exchange, mind: mind, userID: userID, in: db) }
    }

    public func eraseUser(_ userID: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM user_state WHERE user_id = ?", arguments: [userID])
            try db.execute(sql: "DELETE FROM exchange WHERE user_id = ?", arguments: [userID])
        }
    }

    public func eraseExchanges(olderThan date: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM exchange WHERE time_us < ?", arguments: [date.microsecondsSince1970])
            return db.changesCount
        }
    }

    /// What the first transaction of an exchange did with the turn.
    private enum TurnOutcome<T: Sendable>: Sendable {
        /// The turn finished and its update is stored.
        case stored(T)
        /// The turn needs time; the record it saw had `version`.
        case needsTime(@Sendable () async throws -> (UserUpdate, T), version: Int64)
    }

    /// The user's record and its version (0 when there is none). The version is the id of the
    /// user's last exchange: ids only grow and are never reused, even after an erase.
    private static func userRecord(_ db: Database, mind: String, userID: String) throws -> (record: UserRecord?, version: Int64) {
        // Cached statements: every exchange runs these, and preparing them each time cost more than running them.
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT data, last_activity_us, version FROM user_state WHERE mind = ? AND user_id = ?"),
                arguments: [mind, userID])
        else { return (nil, 0) }
        return (UserRecord(data: row["data"], lastActivity: Date(microsecondsSince1970: row["last_activity_us"])), row["version"])
    }

    public func exchanges(since: Date?, after: Int64?, limit: Int) async throws -> [LoggedExchange] {
        guard limit > 0 else { return [] }
        return try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, mind, user_id, input, output, time_us, rule FROM exchange
                    WHERE id > ? AND time_us >= ? ORDER BY id LIMIT ?
                    """,
                arguments: [after ?? Int64.min, since?.microsecondsSince1970 ?? Int64.min, limit]
            ).map(Self.loggedExchange)
        }
    }

    private static func loggedExchange(_ row: Row) -> LoggedExchange {
        LoggedExchange(
            id: row["id"], mind: row["mind"], userID: row["user_id"], input: row["input"], output: row["output"],
            time: Date(microsecondsSince1970: row["time_us"]), rule: row["rule"])
    }

    /// Logs one exchange.
    static func insert(_ exchange: Exchange, mind: String, userID: String, in db: Database) throws {
        try db.cachedStatement(
            sql: "INSERT INTO exchange (mind, user_id, input, output, time_us, rule, version) VALUES (?, ?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [
            mind, userID, exchange.input, exchange.output, exchange.time.microsecondsSince1970, exchange.rule, exchange.version,
        ])
    }

    private static func store(_ update: UserUpdate, mind: String, userID: String, in db: Database) throws {
        try insert(update.exchange, mind: mind, userID: userID, in: db)
        try db.cachedStatement(
            sql: """
                INSERT INTO user_state (mind, user_id, data, last_activity_us, version) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (mind, user_id) DO UPDATE SET
                    data = excluded.data, last_activity_us = excluded.last_activity_us, version = excluded.version
                """
        ).execute(arguments: [mind, userID, update.data, update.lastActivity.microsecondsSince1970, db.lastInsertedRowID])
    }
}
