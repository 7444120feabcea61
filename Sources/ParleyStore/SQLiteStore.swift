import Foundation
import GRDB

/// Parley's embedded store: one SQLite file in WAL mode, shared safely by many tasks (and by
/// several processes, which wait for each other's writes).
public final class SQLiteStore: Sendable {
    /// The file this store lives in.
    public let path: String
    let pool: DatabasePool
    /// Serialises exchanges per (mind, user) inside this process.
    let userQueue = KeyedSerialQueue()
    /// Writes exchanges and saved worlds: each in its own savepoint, those arriving together in one
    /// commit.
    let groupCommit: GroupCommit

    /// Marks a SQLite file as a Parley store (`PRAGMA application_id`, "PRLY").
    static let applicationID: Int32 = 0x5052_4C59

    /// Opens the store at `path`, creating the file and its tables when missing.
    ///
    /// Throws a `StoreError` naming the path when the file cannot be opened, is not a Parley
    /// store, or was written by a newer Parley. An existing store is never reset.
    public init(path: String) throws {
        self.path = path
        try Self.checkExisting(path: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // Every acknowledged write survives a power loss, not only a process crash.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            groupCommit = GroupCommit(pool: pool)
            try Self.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    /// A new store in a fresh directory under the system's temporary directory (for tests).
    public static func temporary() throws -> SQLiteStore {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("parley-store-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try SQLiteStore(path: directory.appendingPathComponent("parley.sqlite").path)
    }

    /// Closes the file; later calls fail. Waits for running work to finish.
    public func close() throws {
        try pool.close()
    }

    /// Refuses, without changing it, an existing file that is not a Parley store or is newer.
    private static func checkExisting(path: String) throws {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 0 else {
            return
        }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            try queue.read { db in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                if applicationID != Self.applicationID {
                    guard applicationID == 0, tables == 0 else {
                        throw StoreError(.notAParleyStore, location: path, detail: "this SQLite database is not a Parley store")
                    }
                    return
                }
                if try migrator.hasBeenSuperseded(db) {
                    throw StoreError(
                        .newerSchema, location: path,
                        detail: "this Parley store was written by a newer version of Parley; upgrade Parley to open it")
                }
            }
        } catch let error as DatabaseError {
            throw storeError(error, path: path)
        }
    }

    private static func storeError(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            StoreError(.notAParleyStore, location: path, detail: "not a SQLite database (\(error.message ?? "\(error.resultCode)"))")
        default:
            StoreError(.cannotOpen, location: path, detail: "cannot open the store: \(error.message ?? "\(error.resultCode)")")
        }
    }

    /// The schema, one migration per released change.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE message (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    world_id TEXT NOT NULL,
                    task TEXT NOT NULL,
                    world TEXT NOT NULL,
                    people TEXT NOT NULL,
                    speaker TEXT NOT NULL,
                    text TEXT NOT NULL,
                    payload TEXT,
                    time_us INTEGER NOT NULL
                );
                CREATE INDEX message_by_time ON message(time_us, id);
                CREATE INDEX message_by_world ON message(world_id);
                CREATE TABLE message_person (
                    person_id TEXT NOT NULL,
                    message_id INTEGER NOT NULL REFERENCES message(id) ON DELETE CASCADE,
                    PRIMARY KEY (person_id, message_id)
                ) WITHOUT ROWID;
                CREATE INDEX message_person_by_message ON message_person(message_id);
                CREATE TABLE world_result (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    world_id TEXT NOT NULL,
                    task TEXT NOT NULL,
                    world TEXT NOT NULL,
                    people TEXT NOT NULL,
                    data TEXT NOT NULL,
                    time_us INTEGER NOT NULL
                );
                CREATE INDEX world_result_by_time ON world_result(time_us, id);
                CREATE TABLE world_result_person (
                    person_id TEXT NOT NULL,
                    result_id INTEGER NOT NULL REFERENCES world_result(id) ON DELETE CASCADE,
                    PRIMARY KEY (person_id, result_id)
                ) WITHOUT ROWID;
                CREATE INDEX world_result_person_by_result ON world_result_person(result_id);
                CREATE TABLE user_state (
                    mind TEXT NOT NULL,
                    user_id TEXT NOT NULL,
                    data TEXT NOT NULL,
                    last_activity_us INTEGER NOT NULL,
                    version INTEGER NOT NULL,
                    PRIMARY KEY (mind, user_id)
                ) WITHOUT ROWID;
                CREATE INDEX user_state_by_user ON user_state(user_id);
                CREATE TABLE exchange (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    mind TEXT NOT NULL,
                    user_id TEXT NOT NULL,
                    input TEXT NOT NULL,
                    output TEXT NOT NULL,
                    time_us INTEGER NOT NULL
                );
                CREATE INDEX exchange_by_user ON exchange(user_id, id);
                CREATE INDEX exchange_by_time ON exchange(time_us);
                PRAGMA application_id = \(applicationID);
                """)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                CREATE TABLE seen_event (
                    service TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    time_us INTEGER NOT NULL,
                    PRIMARY KEY (service, event_id)
                ) WITHOUT ROWID;
                CREATE INDEX seen_event_by_time ON seen_event(time_us);
                """)
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: """
                ALTER TABLE exchange ADD COLUMN rule TEXT;
                ALTER TABLE exchange ADD COLUMN version INTEGER;
                CREATE INDEX exchange_by_mind ON exchange(mind, time_us);
                CREATE TABLE studio_mind (
                    name TEXT PRIMARY KEY,
                    source TEXT NOT NULL,
                    tests TEXT NOT NULL,
                    revision INTEGER NOT NULL,
                    updated_us INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE mind_version (
                    mind TEXT NOT NULL REFERENCES studio_mind(name) ON DELETE CASCADE ON UPDATE CASCADE,
                    number INTEGER NOT NULL,
                    source TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    published_us INTEGER NOT NULL,
                    superseded_us INTEGER,
                    PRIMARY KEY (mind, number)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4") { db in
            try db.execute(sql: """
                CREATE TABLE conversation (
                    world_id TEXT PRIMARY KEY,
                    task TEXT NOT NULL,
                    world TEXT NOT NULL,
                    role TEXT NOT NULL,
                    participants TEXT NOT NULL,
                    started_us INTEGER NOT NULL,
                    ended_us INTEGER,
                    ending TEXT,
                    ratings TEXT NOT NULL,
                    verdict TEXT,
                    review_note TEXT,
                    reviewed_us INTEGER
                ) WITHOUT ROWID;
                CREATE INDEX conversation_by_start ON conversation(started_us);
                CREATE INDEX conversation_by_end ON conversation(ended_us);
                CREATE TABLE conversation_person (
                    person_id TEXT NOT NULL,
                    world_id TEXT NOT NULL REFERENCES conversation(world_id) ON DELETE CASCADE,
                    PRIMARY KEY (person_id, world_id)
                ) WITHOUT ROWID;
                CREATE INDEX conversation_person_by_world ON conversation_person(world_id);
                CREATE INDEX world_result_by_world ON world_result(world_id);
                CREATE TABLE consent (
                    person_id TEXT PRIMARY KEY,
                    agreed INTEGER NOT NULL,
                    version INTEGER NOT NULL,
                    time_us INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE blocked_person (
                    person_id TEXT PRIMARY KEY,
                    note TEXT NOT NULL,
                    time_us INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE erase_audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    person_id TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    time_us INTEGER NOT NULL,
                    rows TEXT NOT NULL
                );
                """)
            try backfillConversations(db)
        }
        migrator.registerMigration("v5") { db in
            try db.execute(sql: """
                CREATE TABLE world_run (
                    world_id TEXT PRIMARY KEY,
                    server TEXT NOT NULL,
                    people TEXT NOT NULL,
                    body TEXT NOT NULL,
                    saved_us INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }()
}
