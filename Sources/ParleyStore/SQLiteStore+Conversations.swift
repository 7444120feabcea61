import Foundation
import GRDB
import ParleyCore

extension SQLiteStore: ConversationStore {
    public func saveConversation(_ conversation: ConversationRecord) async throws {
        try await pool.write { db in try Self.upsert(conversation, in: db) }
    }

    public func conversation(_ worldID: String) async throws -> ConversationRecord? {
        let location = path
        return try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM conversation WHERE world_id = ?", arguments: [worldID])
                .map { try Self.conversation(from: $0, location: location) }
        }
    }

    public func conversations(_ query: ConversationQuery) async throws -> [ConversationRecord] {
        let location = path
        let roles = query.roles.map(\.rawValue).sorted()
        guard !roles.isEmpty else { return [] }
        var sql = "SELECT * FROM conversation WHERE role IN (\(roles.map { _ in "?" }.joined(separator: ",")))"
        var arguments = StatementArguments(roles)
        if let task = query.task {
            sql += " AND task = ?"
            arguments += [task]
        }
        if let since = query.since {
            sql += " AND started_us >= ?"
            arguments += [since.microsecondsSince1970]
        }
        if let until = query.until {
            sql += " AND started_us < ?"
            arguments += [until.microsecondsSince1970]
        }
        if let person = query.personID {
            sql += " AND world_id IN (SELECT world_id FROM conversation_person WHERE person_id = ?)"
            arguments += [person]
        }
        if query.completedOnly { sql += " AND ending = 'completed'" }
        if let verdict = query.verdict {
            sql += " AND verdict = ?"
            arguments += [verdict.rawValue]
        }
        if query.unreviewedOnly { sql += " AND verdict IS NULL" }
        if let limit = query.limit {
            sql += " ORDER BY started_us DESC, world_id LIMIT ?"
            arguments += [max(0, limit)]
        } else {
            sql += " ORDER BY started_us, world_id"
        }
        let statement = sql
        let bound = arguments
        return try await pool.read { db in
            try Row.fetchAll(db, sql: statement, arguments: bound).map { try Self.conversation(from: $0, location: location) }
        }
    }

    public func messages(inWorld worldID: String) async throws -> [MessageRecord] {
        let location = path
        return try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM message WHERE world_id = ? ORDER BY time_us, id", arguments: [worldID]
            ).map { try Self.message(from: $0, location: location) }
        }
    }

    public func messageCounts(inWorlds worldIDs: [String]) async throws -> [String: Int] {
        guard !worldIDs.isEmpty else { return [:] }
        return try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT world_id, count(*) AS n FROM message WHERE world_id IN (\(worldIDs.map { _ in "?" }.joined(separator: ","))) GROUP BY world_id",
                arguments: StatementArguments(worldIDs))
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["world_id"] as String, $0["n"] as Int) })
        }
    }

    public func results(inWorld worldID: String) async throws -> [WorldResult] {
        let location = path
        return try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM world_result WHERE world_id = ? ORDER BY time_us, id", arguments: [worldID]
            ).map { try Self.result(from: $0, location: location) }
        }
    }

    public func setReview(_ review: ConversationReview?, of worldID: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE conversation SET verdict = ?, review_note = ?, reviewed_us = ? WHERE world_id = ?",
                arguments: [review?.verdict.rawValue, review?.note, review?.time.microsecondsSince1970, worldID])
            return db.changesCount > 0
        }
    }

    public func consent(of personID: String) async throws -> ConsentRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM consent WHERE person_id = ?", arguments: [personID]).map { row in
                ConsentRecord(
                    personID: row["person_id"], agreed: row["agreed"], version: row["version"],
                    time: Date(microsecondsSince1970: row["time_us"]))
            }
        }
    }

    public func saveConsent(_ consent: ConsentRecord) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO consent (person_id, agreed, version, time_us) VALUES (?, ?, ?, ?)",
                arguments: [consent.personID, consent.agreed, consent.version, consent.time.microsecondsSince1970])
        }
    }

    public func blockedPeople() async throws -> [BlockedPerson] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM blocked_person ORDER BY time_us, person_id").map(Self.blocked(from:))
        }
    }

    public func block(of personID: String) async throws -> BlockedPerson? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM blocked_person WHERE person_id = ?", arguments: [personID])
                .map(Self.blocked(from:))
        }
    }

    public func block(_ person: BlockedPerson) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO blocked_person (person_id, note, time_us) VALUES (?, ?, ?)",
                arguments: [person.personID, person.note, person.time.microsecondsSince1970])
        }
    }

    public func unblock(_ personID: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM blocked_person WHERE person_id = ?", arguments: [personID])
            return db.changesCount > 0
        }
    }

    public func eraseAudit(limit: Int) async throws -> [EraseReport] {
        let location = path
        return try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM erase_audit ORDER BY id DESC LIMIT ?", arguments: [max(0, limit)]).map { row in
                EraseReport(
                    personID: row["person_id"], actor: row["actor"], time: Date(microsecondsSince1970: row["time_us"]),
                    rows: try StoredJSON.decoded([String: Int].self, from: row["rows"], field: "erase counts", location: location))
            }
        }
    }

    public func knownPeople() async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT person_id FROM conversation_person
                    UNION SELECT person_id FROM world_result_person UNION SELECT person_id FROM consent
                    UNION SELECT user_id FROM user_state UNION SELECT user_id FROM exchange ORDER BY 1
                    """)
        }
    }

    public func eraseConversations(endedBefore date: Date, keepResults: Bool) async throws -> Int {
        try await pool.write { db in
            let worlds = try String.fetchAll(
                db, sql: "SELECT world_id FROM conversation WHERE ended_us < ?", arguments: [date.microsecondsSince1970])
            for world in worlds {
                try db.execute(sql: "DELETE FROM message WHERE world_id = ?", arguments: [world])
                if !keepResults { try db.execute(sql: "DELETE FROM world_result WHERE world_id = ?", arguments: [world]) }
                try db.execute(sql: "DELETE FROM conversation WHERE world_id = ?", arguments: [world])
            }
            return worlds.count
        }
    }

    /// Inserts a conversation or updates everything of a stored one but its review.
    static func upsert(_ conversation: ConversationRecord, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO conversation (world_id, task, world, role, participants, started_us, ended_us, ending, ratings)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (world_id) DO UPDATE SET task = excluded.task, world = excluded.world, role = excluded.role,
                    participants = excluded.participants, started_us = excluded.started_us, ended_us = excluded.ended_us,
                    ending = excluded.ending, ratings = excluded.ratings
                """,
            arguments: [
                conversation.worldID, conversation.task, conversation.world, conversation.role.rawValue,
                StoredJSON.encoded(conversation.participants), conversation.started.microsecondsSince1970,
                conversation.ended?.microsecondsSince1970, conversation.ending?.rawValue,
                StoredJSON.encoded(conversation.ratings),
            ])
        try db.execute(sql: "DELETE FROM conversation_person WHERE world_id = ?", arguments: [conversation.worldID])
        for person in Set(conversation.personIDs) where person != EraseReport.placeholder {
            try db.execute(
                sql: "INSERT INTO conversation_person (person_id, world_id) VALUES (?, ?)", arguments: [person, conversation.worldID])
        }
    }

    static func conversation(from row: Row, location: String) throws -> ConversationRecord {
        let role: String = row["role"]
        let ending: String? = row["ending"]
        let verdict: String? = row["verdict"]
        let reviewed: Int64? = row["reviewed_us"]
        let ended: Int64? = row["ended_us"]
        var review: ConversationReview?
        if let verdict, let reviewed {
            guard let value = ConversationReview.Verdict(rawValue: verdict) else {
                throw StoreError(.corruptRecord, location: location, detail: "stored verdict \(verdict) is unknown")
            }
            review = ConversationReview(verdict: value, note: row["review_note"] ?? "", time: Date(microsecondsSince1970: reviewed))
        }
        guard let roleValue = ConversationRecord.Role(rawValue: role) else {
            throw StoreError(.corruptRecord, location: location, detail: "stored world role \(role) is unknown")
        }
        return ConversationRecord(
            worldID: row["world_id"], task: row["task"], world: row["world"], role: roleValue,
            participants: try StoredJSON.decoded(
                [ConversationParticipant].self, from: row["participants"], field: "participants", location: location),
            started: Date(microsecondsSince1970: row["started_us"]),
            ended: ended.map(Date.init(microsecondsSince1970:)),
            ending: ending.flatMap(ConversationEnding.init(rawValue:)),
            ratings: try StoredJSON.decoded([ConversationRating].self, from: row["ratings"], field: "ratings", location: location),
            review: review)
    }

    static func message(from row: Row, location: String) throws -> MessageRecord {
        let payload: String? = row["payload"]
        return MessageRecord(
            worldID: row["world_id"], task: row["task"], world: row["world"],
            people: try StoredJSON.people(row["people"], location: location),
            speaker: row["speaker"], text: row["text"],
            payload: try payload.map { try StoredJSON.value($0, field: "payload", location: location) },
            time: Date(microsecondsSince1970: row["time_us"]))
    }

    static func result(from row: Row, location: String) throws -> WorldResult {
        WorldResult(
            worldID: row["world_id"], task: row["task"], world: row["world"],
            people: try StoredJSON.people(row["people"], location: location),
            data: try StoredJSON.value(row["data"], field: "result data", location: location),
            time: Date(microsecondsSince1970: row["time_us"]))
    }

    private static func blocked(from row: Row) -> BlockedPerson {
        BlockedPerson(personID: row["person_id"], note: row["note"], time: Date(microsecondsSince1970: row["time_us"]))
    }

    /// Gives every world recorded before conversations were kept a conversation, from its messages
    /// and results (how it ended is unknown).
    static func backfillConversations(_ db: Database) throws {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT world_id, min(task) AS task, min(world) AS world, min(people) AS people,
                    min(time_us) AS started, max(time_us) AS ended
                FROM (SELECT world_id, task, world, people, time_us FROM message
                      UNION ALL SELECT world_id, task, world, people, time_us FROM world_result)
                GROUP BY world_id
                """)
        for row in rows {
            let task: String = row["task"]
            let people = (try? StoredJSON.people(row["people"], location: "")) ?? []
            let conversation = ConversationRecord(
                worldID: row["world_id"], task: task, world: row["world"], role: task == "overworld" ? .overworld : .task,
                participants: people.map { ConversationParticipant(id: $0, name: $0, kind: .person) },
                started: Date(microsecondsSince1970: row["started"]), ended: Date(microsecondsSince1970: row["ended"]))
            try upsert(conversation, in: db)
        }
    }
}
