import Foundation
import PostgresNIO

extension PostgresStore: UserStateStore {
    public func exchange<T: Sendable>(
        mind: String, userID: String, turn: @escaping @Sendable (UserRecord?) throws -> ExchangeTurn<T>
    ) async throws -> T {
        let key = mind + "\u{0}" + userID
        return try await userQueue.run(key) {
            // Optimistic: the turn runs on the record as this process last stored it, and the
            // write succeeds only if the stored version is still that one. A known user costs one
            // statement; a user new to this process costs a read more; a user another process
            // changed meanwhile costs a write more, which answers the stored record, and the turn
            // runs again on it. No lock is held while the turn works.
            var known = knownUsers.known(key)
            var remembered = known != nil
            while true {
                let current: UserRecordCache.Known
                if let known { current = known } else { current = try await read(mind: mind, userID: userID) }
                let update: UserUpdate
                let value: T
                do {
                    switch try turn(current.record) {
                    case .finished(let finished, let answer):
                        (update, value) = (finished, answer)
                    case .needsTime(let work):
                        // Work that calls out (tag handlers) runs only on the stored record, so
                        // it is not repeated because a remembered one was stale.
                        if remembered {
                            let stored = try await read(mind: mind, userID: userID)
                            (known, remembered) = (stored, false)
                            if stored.version != current.version { continue }
                        }
                        (update, value) = try await work()
                    }
                } catch {
                    // A turn that fails on a remembered record may only have failed because the
                    // record is stale: it fails for good only on the stored one.
                    knownUsers.forget(key)
                    guard remembered else { throw error }
                    (known, remembered) = (nil, false)
                    continue
                }
                switch try await write(update, mind: mind, userID: userID, over: current.version) {
                case .stored(let version):
                    let record = UserRecord(
                        data: update.data, lastActivity: Date(microsecondsSince1970: update.lastActivity.microsecondsSince1970))
                    knownUsers.remember(UserRecordCache.Known(record: record, version: version), for: key)
                    return value
                case .changed(let stored):
                    // Versions are never reused: the version just tried means the statement saw
                    // the user from before the change that refused it.
                    known = stored.version == current.version ? nil : stored
                    remembered = false
                }
            }
        }
    }

    /// The user's record and its version, read in a statement of its own (version 0: no record).
    private func read(mind: String, userID: String) async throws -> UserRecordCache.Known {
        var known = UserRecordCache.Known(record: nil, version: 0)
        for try await stored in try await client.execute(UserStateStatements.Read(mind: mind, userID: userID), logger: logger) {
            known = stored
        }
        return known
    }

    /// Stores the user's new state and logs the exchange, in one statement that does either both
    /// or nothing: nothing when the stored version is no longer `version` (another process wrote,
    /// or the user was erased), and then it answers the user as stored.
    private func write(_ update: UserUpdate, mind: String, userID: String, over version: Int64) async throws
        -> UserStateStatements.Write.Outcome
    {
        let write = UserStateStatements.Write(mind: mind, userID: userID, update: update, read: version)
        let outcomes =
            version == 0
            ? try await client.execute(UserStateStatements.Write.First(write: write), logger: logger)
            : try await client.execute(UserStateStatements.Write.Next(write: write), logger: logger)
        // Read to the end: the statement's errors, its exchange log's among them, come after its row.
        var outcome = UserStateStatements.Write.Outcome.changed(UserRecordCache.Known(record: nil, version: 0))
        var first = true
        for try await row in outcomes where first {
            (outcome, first) = (row, false)
        }
        return outcome
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
