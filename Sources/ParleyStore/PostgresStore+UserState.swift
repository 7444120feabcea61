import Foundation
import PostgresNIO

extension PostgresStore: UserStateStore {
    public func exchange<T: Sendable>(
        mind: String, userID: String, turn: @escaping @Sendable (UserRecord?) throws -> ExchangeTurn<T>
    ) async throws -> T {
        let key = mind + "\u{0}" + userID
        return try await userQueue.run(key) {
            // Optimistic: the turn runs on the record as this process last knew it, and the write
            // succeeds only if the stored version is still that one. A known user costs one
            // statement; a user new to this process, or changed by another process meanwhile,
            // costs a read more and the turn runs again. No lock is held while the turn works.
            var known = knownUsers.known(key)
            while true {
                let fresh = known == nil
                let current: UserRecordCache.Known
                if let known { current = known } else { current = try await read(mind: mind, userID: userID) }
                let update: UserUpdate
                let value: T
                do {
                    (update, value) =
                        switch try turn(current.record) {
                        case .finished(let update, let value): (update, value)
                        case .needsTime(let work): try await work()
                        }
                } catch {
                    // A turn that fails on a remembered record may only have failed because the
                    // record is stale: it fails for good only on the stored one.
                    knownUsers.forget(key)
                    if fresh { throw error }
                    known = nil
                    continue
                }
                if let version = try await write(update, mind: mind, userID: userID, over: current.version) {
                    let record = UserRecord(
                        data: update.data, lastActivity: Date(microsecondsSince1970: update.lastActivity.microsecondsSince1970))
                    knownUsers.remember(UserRecordCache.Known(record: record, version: version), for: key)
                    return value
                }
                known = nil
            }
        }
    }

    /// The user's record and its version, read in a statement of its own (version 0: no record).
    private func read(mind: String, userID: String) async throws -> UserRecordCache.Known {
        var known = UserRecordCache.Known(record: nil, version: 0)
        for try await (data, lastActivity, version) in try await client.query(
            """
            SELECT data, (extract(epoch FROM last_activity) * 1000000)::int8, version FROM parley_user_state
            WHERE mind = \(mind) AND user_id = \(userID)
            """, logger: logger
        ).decode((String, Int64, Int64).self) {
            known = UserRecordCache.Known(
                record: UserRecord(data: data, lastActivity: Date(microsecondsSince1970: lastActivity)), version: version)
        }
        return known
    }

    /// Stores the user's new state and logs the exchange, in one statement that does either both
    /// or nothing: nothing when the stored version is no longer `version` (another process wrote,
    /// or the user was erased). Returns the new version, or nil when nothing was stored.
    private func write(_ update: UserUpdate, mind: String, userID: String, over version: Int64) async throws -> Int64? {
        let exchange = update.exchange
        // $1 mind, $2 user, $3 data, $4 last activity, $5 version read, then the exchange: $6 input,
        // $7 output, $8 time, $9 rule, $10 mind version. Times are microseconds since 1970.
        var binds = PostgresBindings(capacity: 10)
        binds.append(mind)
        binds.append(userID)
        binds.append(update.data)
        binds.append(update.lastActivity.microsecondsSince1970)
        binds.append(version)
        binds.append(exchange.input)
        binds.append(exchange.output)
        binds.append(exchange.time.microsecondsSince1970)
        binds.append(exchange.rule)
        binds.append(exchange.version.map(Int32.init))
        let saved =
            version == 0
            ? """
            INSERT INTO parley_user_state (mind, user_id, data, last_activity, version)
            VALUES ($1, $2, $3, 'epoch'::timestamptz + interval '1 microsecond' * $4, 1)
            ON CONFLICT (mind, user_id) DO NOTHING RETURNING version
            """
            : """
            UPDATE parley_user_state
            SET data = $3, last_activity = 'epoch'::timestamptz + interval '1 microsecond' * $4, version = version + 1
            WHERE mind = $1 AND user_id = $2 AND version = $5 RETURNING version
            """
        let query = PostgresQuery(
            unsafeSQL: """
                WITH saved AS (\(saved)), logged AS (
                    INSERT INTO parley_exchange (mind, user_id, input, output, time, rule, version)
                    SELECT $1, $2, $6, $7, 'epoch'::timestamptz + interval '1 microsecond' * $8, $9::text, $10::int4 FROM saved)
                SELECT version FROM saved
                """, binds: binds)
        for try await stored in try await client.query(query, logger: logger).decode(Int64.self) {
            return stored
        }
        return nil
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
        forgetKnownRecords(of: userID)
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

extension PostgresStore {
    /// Forgets what this process remembers of `userID`'s records, for every mind: the person is
    /// being erased.
    func forgetKnownRecords(of userID: String) {
        let suffix = "\u{0}" + userID
        knownUsers.forget { $0.hasSuffix(suffix) }
    }
}
