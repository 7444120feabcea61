import Foundation
import PostgresNIO

/// The statements of a stateful exchange on PostgreSQL, prepared once per connection: each
/// exchange then costs the database no parsing or planning. Times are microseconds since 1970.
enum UserStateStatements {
    /// A user's record and its version.
    struct Read: PostgresPreparedStatement {
        static let sql = """
            SELECT data, (extract(epoch FROM last_activity) * 1000000)::int8, version FROM parley_user_state
            WHERE mind = $1 AND user_id = $2
            """
        static let bindingDataTypes: [PostgresDataType] = [.text, .text]

        var mind: String
        var userID: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(mind)
            bindings.append(userID)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> UserRecordCache.Known {
            let (data, lastActivity, version) = try row.decode((String, Int64, Int64).self)
            return UserRecordCache.Known(
                record: UserRecord(data: data, lastActivity: Date(microsecondsSince1970: lastActivity)), version: version)
        }
    }

    /// The new state of a user this process knows at version `read`, or of a new user when `read`
    /// is 0, with the exchange logged, both or neither: the statement stores nothing when the
    /// stored version is no longer `read`, and answers the stored record instead.
    struct Write {
        /// What the write did.
        enum Outcome: Sendable {
            /// Stored, now at this version.
            case stored(Int64)
            /// Nothing stored: another process changed the user (or erased them) since `read`,
            /// and this is the user as the statement saw them. When the statement waited for that
            /// change, it saw the user as before it (the version `read` again): read them anew.
            case changed(UserRecordCache.Known)
        }

        var mind: String
        var userID: String
        var update: UserUpdate
        var read: Int64

        /// Binds `$1` mind, `$2` user, `$3` data, `$4` last activity, `$5` the version read, then the
        /// exchange: `$6` input, `$7` output, `$8` time, `$9` rule, `$10` the mind's version.
        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 10)
            bindings.append(mind)
            bindings.append(userID)
            bindings.append(update.data)
            bindings.append(update.lastActivity.microsecondsSince1970)
            bindings.append(read)
            bindings.append(update.exchange.input)
            bindings.append(update.exchange.output)
            bindings.append(update.exchange.time.microsecondsSince1970)
            bindings.append(update.exchange.rule)
            bindings.append(update.exchange.version.map(Int32.init))
            return bindings
        }

        static let bindingDataTypes: [PostgresDataType] = [.text, .text, .text, .int8, .int8, .text, .text, .int8, .text, .int4]

        /// The statement around `saved`, a data-changing statement answering the new version: one
        /// row with the new version, or else the stored record (none when there is none).
        static func sql(saving saved: String) -> String {
            """
            WITH saved AS (\(saved)), logged AS (
                INSERT INTO parley_exchange (mind, user_id, input, output, time, rule, version)
                SELECT $1, $2, $6, $7, 'epoch'::timestamptz + interval '1 microsecond' * $8, $9, $10 FROM saved)
            SELECT true, version, NULL::text, NULL::int8 FROM saved
            UNION ALL
            SELECT false, version, data, (extract(epoch FROM last_activity) * 1000000)::int8 FROM parley_user_state
            WHERE mind = $1 AND user_id = $2 AND NOT EXISTS (SELECT FROM saved)
            """
        }

        func decodeRow(_ row: PostgresRow) throws -> Outcome {
            let (stored, version, data, lastActivity) = try row.decode((Bool, Int64, String?, Int64?).self)
            if stored { return .stored(version) }
            let record = UserRecord(data: data ?? "", lastActivity: Date(microsecondsSince1970: lastActivity ?? 0))
            return .changed(UserRecordCache.Known(record: record, version: version))
        }

        /// The write of a new user's first state.
        struct First: PostgresPreparedStatement {
            static let sql = Write.sql(
                saving: """
                    INSERT INTO parley_user_state (mind, user_id, data, last_activity, version)
                    VALUES ($1, $2, $3, 'epoch'::timestamptz + interval '1 microsecond' * $4, nextval('parley_user_state_version'))
                    ON CONFLICT (mind, user_id) DO NOTHING RETURNING version
                    """)
            static let bindingDataTypes = Write.bindingDataTypes
            var write: Write
            func makeBindings() throws -> PostgresBindings { try write.makeBindings() }
            func decodeRow(_ row: PostgresRow) throws -> Outcome { try write.decodeRow(row) }
        }

        /// The write over the state stored at the version read.
        struct Next: PostgresPreparedStatement {
            static let sql = Write.sql(
                saving: """
                    UPDATE parley_user_state
                    SET data = $3, last_activity = 'epoch'::timestamptz + interval '1 microsecond' * $4,
                        version = nextval('parley_user_state_version')
                    WHERE mind = $1 AND user_id = $2 AND version = $5 RETURNING version
                    """)
            static let bindingDataTypes = Write.bindingDataTypes
            var write: Write
            func makeBindings() throws -> PostgresBindings { try write.makeBindings() }
            func decodeRow(_ row: PostgresRow) throws -> Outcome { try write.decodeRow(row) }
        }
    }
}
