import Foundation
import PostgresNIO

/// Parley's shared store on a PostgreSQL server, for several server instances using one store.
///
/// Tables are named `parley_*` in the connection's current schema; other tables in the database
/// are left alone.
public final class PostgresStore: Sendable {
    /// The server URL without its password.
    public let location: String
    let client: PostgresClient
    let logger: Logger
    /// Serialises exchanges per (mind, user) inside this process, so that waiting requests do not
    /// each hold a connection.
    let userQueue = KeyedSerialQueue()
    /// The user records this process last read or wrote, so that a known user's exchange costs
    /// one statement (64 MiB at most).
    let knownUsers = UserRecordCache(byteLimit: 64 << 20)
    private let running: Task<Void, Never>

    private init(location: String, client: PostgresClient, running: Task<Void, Never>, logger: Logger) {
        self.location = location
        self.client = client
        self.running = running
        self.logger = logger
    }

    /// Connects to the server at `url` (`postgres://USER:PASSWORD@HOST:PORT/DATABASE`, optionally
    /// `?sslmode=disable|prefer|require`) and creates or upgrades Parley's tables.
    ///
    /// Throws a `StoreError` naming the URL (without password) when the URL is invalid, the
    /// server cannot be reached or refuses the login, the database holds tables named like
    /// Parley's that are not a Parley store, or the store was written by a newer Parley.
    public static func connect(url: String, logger: Logger = Logger(label: "parley.store.postgres")) async throws
        -> PostgresStore
    {
        let url = try PostgresURL(url)
        // One plain connection first: a refused login or an unreachable server fails at once
        // with the server's reason, where the pool would keep retrying.
        do {
            let connection = try await PostgresConnection.connect(
                configuration: url.connectionConfiguration, id: 0, logger: logger)
            do {
                try await migrate(connection, location: url.redacted, logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
        } catch {
            throw unwrapped(error) as? StoreError
                ?? StoreError(.cannotOpen, location: url.redacted, detail: "cannot open the store: \(describe(error))")
        }
        let client = PostgresClient(configuration: url.configuration, backgroundLogger: logger)
        let (started, signalStart) = AsyncStream<Never>.makeStream()
        let running = Task {
            signalStart.finish()
            await client.run()
        }
        for await _ in started {}  // the pool runs before the first query asks it for a connection
        return PostgresStore(location: url.redacted, client: client, running: running, logger: logger)
    }

    /// Closes every connection; later calls fail.
    public func close() async {
        running.cancel()
        await running.value
    }

    /// Runs `body` in a transaction on a pooled connection; an error `body` throws comes out as is.
    func inTransaction<T>(_ body: (PostgresConnection) async throws -> sending T) async throws -> sending T {
        do {
            return try await client.withTransaction(logger: logger, body)
        } catch {
            throw Self.unwrapped(error)
        }
    }

    /// The error inside a transaction error (what the body, BEGIN or COMMIT threw).
    static func unwrapped(_ error: any Error) -> any Error {
        guard let error = error as? PostgresTransactionError else { return error }
        return error.closureError ?? error.beginError ?? error.commitError ?? error
    }

    /// A readable account of a PostgreSQL error (PSQLError hides its details from `description`).
    static func describe(_ error: any Error) -> String {
        let error = unwrapped(error)
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }

    /// Arbitrary constant key of the advisory lock that serialises migrations.
    private static let migrationLock: Int64 = 0x5041_524C_4559_0001

    /// The schema, one list of statements per released version.
    private static let migrations: [[String]] = [
        [
            "CREATE TABLE parley_schema (version integer PRIMARY KEY)",
            """
            CREATE TABLE parley_message (
                id bigserial PRIMARY KEY,
                world_id text NOT NULL,
                task text NOT NULL,
                world text NOT NULL,
                people text[] NOT NULL,
                speaker text NOT NULL,
                text text NOT NULL,
                payload text,
                time timestamptz NOT NULL
            )
            """,
            "CREATE INDEX parley_message_by_time ON parley_message (time, id)",
            "CREATE INDEX parley_message_by_person ON parley_message USING gin (people)",
            "CREATE INDEX parley_message_by_speaker ON parley_message (speaker)",
            """
            CREATE TABLE parley_world_result (
                id bigserial PRIMARY KEY,
                world_id text NOT NULL,
                task text NOT NULL,
                world text NOT NULL,
                people text[] NOT NULL,
                data text NOT NULL,
                time timestamptz NOT NULL
            )
            """,
            "CREATE INDEX parley_world_result_by_time ON parley_world_result (time, id)",
            "CREATE INDEX parley_world_result_by_person ON parley_world_result USING gin (people)",
            """
            CREATE TABLE parley_user_state (
                mind text NOT NULL,
                user_id text NOT NULL,
                data text NOT NULL,
                last_activity timestamptz NOT NULL,
                PRIMARY KEY (mind, user_id)
            )
            """,
            "CREATE INDEX parley_user_state_by_user ON parley_user_state (user_id)",
            """
            CREATE TABLE parley_exchange (
                id bigserial PRIMARY KEY,
                mind text NOT NULL,
                user_id text NOT NULL,
                input text NOT NULL,
                output text NOT NULL,
                time timestamptz NOT NULL
            )
            """,
            "CREATE INDEX parley_exchange_by_user ON parley_exchange (user_id, id)",
            "CREATE INDEX parley_exchange_by_time ON parley_exchange (time)",
        ],
        [
            """
            CREATE TABLE parley_seen_event (
                service text NOT NULL,
                event_id text NOT NULL,
                time timestamptz NOT NULL,
                PRIMARY KEY (service, event_id)
            )
            """,
            "CREATE INDEX parley_seen_event_by_time ON parley_seen_event (time)",
        ],
        [
            "ALTER TABLE parley_exchange ADD COLUMN rule text",
            "ALTER TABLE parley_exchange ADD COLUMN version integer",
            "CREATE INDEX parley_exchange_by_mind ON parley_exchange (mind, time)",
            """
            CREATE TABLE parley_studio_mind (
                name text PRIMARY KEY,
                source text NOT NULL,
                tests text NOT NULL,
                revision bigint NOT NULL,
                updated timestamptz NOT NULL
            )
            """,
            """
            CREATE TABLE parley_mind_version (
                mind text NOT NULL REFERENCES parley_studio_mind (name) ON DELETE CASCADE ON UPDATE CASCADE,
                number integer NOT NULL,
                source text NOT NULL,
                hash text NOT NULL,
                published timestamptz NOT NULL,
                superseded timestamptz,
                PRIMARY KEY (mind, number)
            )
            """,
        ],
        [
            """
            CREATE TABLE parley_conversation (
                world_id text PRIMARY KEY,
                task text NOT NULL,
                world text NOT NULL,
                role text NOT NULL,
                participants text NOT NULL,
                people text[] NOT NULL,
                started timestamptz NOT NULL,
                ended timestamptz,
                ending text,
                ratings text NOT NULL,
                verdict text,
                review_note text,
                reviewed timestamptz
            )
            """,
            "CREATE INDEX parley_conversation_by_start ON parley_conversation (started)",
            "CREATE INDEX parley_conversation_by_end ON parley_conversation (ended)",
            "CREATE INDEX parley_conversation_by_person ON parley_conversation USING gin (people)",
            "CREATE INDEX parley_message_by_world ON parley_message (world_id)",
            "CREATE INDEX parley_world_result_by_world ON parley_world_result (world_id)",
            """
            CREATE TABLE parley_consent (
                person_id text PRIMARY KEY,
                agreed boolean NOT NULL,
                version integer NOT NULL,
                time timestamptz NOT NULL
            )
            """,
            """
            CREATE TABLE parley_blocked_person (
                person_id text PRIMARY KEY,
                note text NOT NULL,
                time timestamptz NOT NULL
            )
            """,
            """
            CREATE TABLE parley_erase_audit (
                id bigserial PRIMARY KEY,
                person_id text NOT NULL,
                actor text NOT NULL,
                time timestamptz NOT NULL,
                rows text NOT NULL
            )
            """,
            // Worlds recorded before conversations were kept get one from their messages and results.
            """
            INSERT INTO parley_conversation (world_id, task, world, role, participants, people, started, ended, ratings)
            SELECT world_id, min(task), min(world), CASE WHEN min(task) = 'overworld' THEN 'overworld' ELSE 'task' END,
                (SELECT coalesce(json_agg(json_build_object('id', p, 'name', p, 'kind', 'person', 'onboarding', json_build_object())), '[]')::text
                 FROM unnest(min(people)) AS p),
                min(people), min(time), max(time), '[]'
            FROM (SELECT world_id, task, world, people, time FROM parley_message
                  UNION ALL SELECT world_id, task, world, people, time FROM parley_world_result) AS recorded
            GROUP BY world_id
            """,
        ],
        [
            // Each write of a user's state checks the version it read: several servers need no lock.
            // Versions come from one sequence, so a user erased and started again never has a
            // version a server remembers from before.
            "CREATE SEQUENCE parley_user_state_version START 2",
            "ALTER TABLE parley_user_state ADD COLUMN version bigint NOT NULL DEFAULT 1",
        ],
        [
            """
            CREATE TABLE parley_world_run (
                world_id text PRIMARY KEY,
                server text NOT NULL,
                people text[] NOT NULL,
                body text NOT NULL,
                saved timestamptz NOT NULL
            )
            """,
            "CREATE INDEX parley_world_run_by_person ON parley_world_run USING gin (people)",
            "CREATE INDEX parley_world_run_by_server ON parley_world_run (server, saved)",
        ],
    ]

    /// Creates or upgrades the tables; refuses a foreign or newer schema.
    private static func migrate(_ connection: PostgresConnection, location: String, logger: Logger) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            var version = 0
            if try await connection.query("SELECT to_regclass('parley_schema') IS NOT NULL", logger: logger)
                .decode(Bool.self).first(where: { _ in true }) == true
            {
                for try await found in try await connection.query(
                    "SELECT coalesce(max(version), 0) FROM parley_schema", logger: logger
                ).decode(Int32.self) {
                    version = Int(found)
                }
            } else {
                for try await table in try await connection.query(
                    """
                    SELECT table_name::text FROM information_schema.tables
                    WHERE table_schema = current_schema() AND table_name LIKE 'parley\\_%'
                    """, logger: logger
                ).decode(String.self) {
                    throw StoreError(
                        .notAParleyStore, location: location,
                        detail: "the database has a table \(table) but is not a Parley store (no parley_schema)")
                }
            }
            guard version <= migrations.count else {
                throw StoreError(
                    .newerSchema, location: location,
                    detail: "this Parley store has schema version \(version), newer than this Parley knows "
                        + "(\(migrations.count)); upgrade Parley to use it")
            }
            for (index, statements) in migrations.enumerated() where index >= version {
                for statement in statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO parley_schema (version) VALUES (\(Int32(index + 1)))", logger: logger)
            }
        }
    }
}
