import Foundation
import PostgresNIO

extension PostgresStore: UserStateStore {
    public func exchange<T: Sendable>(
        mind: String, userID: String, turn: @escaping @Sendable (UserRecord?) throws -> ExchangeTurn<T>
    ) async throws -> T {
        try await userQueue.run(mind + "\u{0}" + userID) {
            try await client.withConnection { connection in
                // A session lock, held across the turn with no transaction open (its work may call
                // out over the network): other server instances wait here for this user, in
                // arrival order, and no long transaction holds back the database meanwhile.
                let lock = mind + ":" + userID
                try await connection.query("SELECT pg_advisory_lock(hashtextextended(\(lock), 0))", logger: logger)
                let value: T
                do {
                    let record = try await record(mind: mind, userID: userID, on: connection)
                    let (update, turnValue) =
                        switch try turn(record) {
                        case .finished(let update, let value): (update, value)
                        case .needsTime(let work): try await work()
                        }
                    try await store(update, mind: mind, userID: userID, on: connection)
                    value = turnValue
                } catch {
                    await unlock(lock, on: connection)
                    throw error
                }
                await unlock(lock, on: connection)
                return value
            }
        }
    }

    /// The user's record, nil for a new user. Read after the lock is taken, in a statement of
    /// its own: a statement sees the database as it was when it began, so a read in the statement
    /// that waited for the lock could miss what the lock's previous holder wrote.
    private func record(mind: String, userID: String, on connection: PostgresConnection) async throws -> UserRecord? {
        var record: UserRecord?
        for try await (data, lastActivity) in try await connection.query(
            """
            SELECT data, (extract(epoch FROM last_activity) * 1000000)::int8 FROM parley_user_state
            WHERE mind = \(mind) AND user_id = \(userID)
            """, logger: logger
        ).decode((String, Int64).self) {
            record = UserRecord(data: data, lastActivity: Date(microsecondsSince1970: lastActivity))
        }
        return record
    }

    /// Logs the exchange and stores the user's new state in one statement, so both are stored or neither.
    private func store(_ update: UserUpdate, mind: String, userID: String, on connection: PostgresConnection) async throws {
        let exchange = update.exchange
        try await connection.query(
            """
            WITH logged AS (
                INSERT INTO parley_exchange (mind, user_id, input, output, time, rule, version)
                VALUES (\(mind), \(userID), \(exchange.input), \(exchange.output),
                    'epoch'::timestamptz + interval '1 microsecond' * \(exchange.time.microsecondsSince1970), \(exchange.rule),
                    \(exchange.version.map(Int32.init)))
            )
            INSERT INTO parley_user_state (mind, user_id, data, last_activity)
            VALUES (\(mind), \(userID), \(update.data),
                'epoch'::timestamptz + interval '1 microsecond' * \(update.lastActivity.microsecondsSince1970))
            ON CONFLICT (mind, user_id) DO UPDATE SET data = excluded.data, last_activity = excluded.last_activity
            """, logger: logger)
    }

    /// Releases the user's session lock. When that fails the connection cannot be trusted to
    /// have released it, so it is closed: the server then drops the lock with the session.
    private func unlock(_ lock: String, on connection: PostgresConnection) async {
        do {
            try await connection.query("SELECT pg_advisory_unlock(hashtextextended(\(lock), 0))", logger: logger)
        } catch {
            logger.error("cannot release a user lock; closing the connection", metadata: ["error": "\(Self.describe(error))"])
            try? await connection.close()
        }
    }

    public func transcript(mind: String?, userID: String, after: Int64?, limit: Int) async throws -> [LoggedExchange] {
        guard limit > 0 else { return [] }
        return try await loggedExchanges(
            try await client.query(
                """
                SELECT id, mind, user_id, input, output, (extract(epoch FROM time) * 1000000)::int8, rule FROM parley_exchange
                WHERE user_id = \(userID) AND id > \(after ?? Int64.min) AND (\(mind)::text IS NULL OR mind = \(mind))
                ORDER BY id LIMIT \(Int64(limit))
                """, logger: logger))
    }

    public func exchanges(since: Date?, after: Int64?, limit: Int) async throws -> [LoggedExchange] {
        guard limit > 0 else { return [] }
        let micros = since?.microsecondsSince1970
        return try await loggedExchanges(
            try await client.query(
                """
                SELECT id, mind, user_id, input, output, (extract(epoch FROM time) * 1000000)::int8, rule FROM parley_exchange
                WHERE id > \(after ?? Int64.min)
                    AND (\(micros)::int8 IS NULL OR time >= 'epoch'::timestamptz + interval '1 microsecond' * \(micros))
                ORDER BY id LIMIT \(Int64(limit))
                """, logger: logger))
    }

    private func loggedExchanges(_ rows: PostgresRowSequence) async throws -> [LoggedExchange] {
        var exchanges: [LoggedExchange] = []
        for try await (id, mind, userID, input, output, time, rule) in rows.decode(
            (Int64, String, String, String, String, Int64, String?).self)
        {
            exchanges.append(
                LoggedExchange(
                    id: id, mind: mind, userID: userID, input: input, output: output,
                    time: Date(microsecondsSince1970: time), rule: rule))
        }
        return exchanges
    }

    public func logExchange(mind: String, userID: String, _ exchange: Exchange) async throws {
        try await client.query(
            """
            INSERT INTO parley_exchange (mind, user_id, input, output, time, rule, version)
            VALUES (\(mind), \(userID), \(exchange.input), \(exchange.output),
                'epoch'::timestamptz + interval '1 microsecond' * \(exchange.time.microsecondsSince1970), \(exchange.rule),
                \(exchange.version.map(Int32.init)))
            """, logger: logger)
    }

    public func eraseUser(_ userID: String) async throws {
        try await inTransaction { connection in
            try await connection.query("DELETE FROM parley_user_state WHERE user_id = \(userID)", logger: logger)
            try await connection.query("DELETE FROM parley_exchange WHERE user_id = \(userID)", logger: logger)
        }
    }

    public func eraseExchanges(olderThan date: Date) async throws -> Int {
        let rows = try await client.query(
            """
            WITH erased AS (
                DELETE FROM parley_exchange
                WHERE time < 'epoch'::timestamptz + interval '1 microsecond' * \(date.microsecondsSince1970)
                RETURNING 1)
            SELECT count(*) FROM erased
            """, logger: logger)
        var count = 0
        for try await erased in rows.decode(Int64.self) { count = Int(erased) }
        return count
    }
}
