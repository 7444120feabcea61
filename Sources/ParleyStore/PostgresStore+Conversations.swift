import Foundation
import ParleyCore
import PostgresNIO

extension PostgresStore: ConversationStore {
    public func saveConversation(_ conversation: ConversationRecord) async throws {
        try await inTransaction { connection in try await Self.upsert(conversation, on: connection, logger: logger) }
    }

    public func conversation(_ worldID: String) async throws -> ConversationRecord? {
        try await fetchConversations("WHERE world_id = \(worldID)").first
    }

    public func conversations(_ query: ConversationQuery) async throws -> [ConversationRecord] {
        let roles = query.roles.map(\.rawValue).sorted()
        guard !roles.isEmpty else { return [] }
        let order = query.limit == nil ? "started, world_id" : "started DESC, world_id"
        let limit = query.limit.map { Int64(max(0, $0)) }
        let filter: PostgresQuery = """
            WHERE role = ANY(\(roles))
                AND (\(query.task)::text IS NULL OR task = \(query.task))
                AND (\(query.since.map(PostgresTime.init))::timestamptz IS NULL OR started >= \(query.since.map(PostgresTime.init)))
                AND (\(query.until.map(PostgresTime.init))::timestamptz IS NULL OR started < \(query.until.map(PostgresTime.init)))
                AND (\(query.personID)::text IS NULL OR people @> ARRAY[\(query.personID)]::text[])
                AND (NOT \(query.completedOnly) OR ending = 'completed')
                AND (\(query.verdict?.rawValue)::text IS NULL OR verdict = \(query.verdict?.rawValue))
                AND (NOT \(query.unreviewedOnly) OR verdict IS NULL)
            ORDER BY \(unescaped: order) LIMIT \(limit)::int8
            """
        return try await fetchConversations(filter)
    }

    public func messages(inWorld worldID: String) async throws -> [MessageRecord] {
        let rows = try await client.query(
            """
            SELECT world_id, task, world, people, speaker, text, payload, time FROM parley_message
            WHERE world_id = \(worldID) ORDER BY time, id
            """, logger: logger)
        var records: [MessageRecord] = []
        for try await (worldID, task, world, people, speaker, text, payload, time) in rows.decode(
            (String, String, String, [String], String, String, String?, PostgresTime).self)
        {
            records.append(
                MessageRecord(
                    worldID: worldID, task: task, world: world, people: people, speaker: speaker, text: text,
                    payload: try payload.map { try StoredJSON.value($0, field: "payload", location: location) }, time: time.date))
        }
        return records
    }

    public func messageCounts(inWorlds worldIDs: [String]) async throws -> [String: Int] {
        guard !worldIDs.isEmpty else { return [:] }
        let rows = try await client.query(
            "SELECT world_id, count(*) FROM parley_message WHERE world_id = ANY(\(worldIDs)) GROUP BY world_id", logger: logger)
        var counts: [String: Int] = [:]
        for try await (world, count) in rows.decode((String, Int64).self) { counts[world] = Int(count) }
        return counts
    }

    public func results(inWorld worldID: String) async throws -> [WorldResult] {
        let rows = try await client.query(
            "SELECT world_id, task, world, people, data, time FROM parley_world_result WHERE world_id = \(worldID) ORDER BY time, id",
            logger: logger)
        var results: [WorldResult] = []
        for try await (worldID, task, world, people, data, time) in rows.decode((String, String, String, [String], String, PostgresTime).self) {
            results.append(
                WorldResult(
                    worldID: worldID, task: task, world: world, people: people,
                    data: try StoredJSON.value(data, field: "result data", location: location), time: time.date))
        }
        return results
    }

    public func setReview(_ review: ConversationReview?, of worldID: String) async throws -> Bool {
        let rows = try await client.query(
            """
            UPDATE parley_conversation SET verdict = \(review?.verdict.rawValue), review_note = \(review?.note),
                reviewed = \(review.map { PostgresTime($0.time) }) WHERE world_id = \(worldID) RETURNING 1
            """, logger: logger)
        for try await _ in rows.decode(Int32.self) { return true }
        return false
    }

    public func consent(of personID: String) async throws -> ConsentRecord? {
        let rows = try await client.query(
            "SELECT agreed, version, time FROM parley_consent WHERE person_id = \(personID)", logger: logger)
        for try await (agreed, version, time) in rows.decode((Bool, Int32, PostgresTime).self) {
            return ConsentRecord(personID: personID, agreed: agreed, version: Int(version), time: time.date)
        }
        return nil
    }

    public func saveConsent(_ consent: ConsentRecord) async throws {
        try await client.query(
            """
            INSERT INTO parley_consent (person_id, agreed, version, time)
            VALUES (\(consent.personID), \(consent.agreed), \(Int32(clamping: consent.version)), \(PostgresTime(consent.time)))
            ON CONFLICT (person_id) DO UPDATE SET agreed = excluded.agreed, version = excluded.version, time = excluded.time
            """, logger: logger)
    }

    public func blockedPeople() async throws -> [BlockedPerson] {
        try await fetchBlocked("ORDER BY time, person_id")
    }

    public func block(of personID: String) async throws -> BlockedPerson? {
        try await fetchBlocked("WHERE person_id = \(personID)").first
    }

    public func block(_ person: BlockedPerson) async throws {
        try await client.query(
            """
            INSERT INTO parley_blocked_person (person_id, note, time) VALUES (\(person.personID), \(person.note), \(PostgresTime(person.time)))
            ON CONFLICT (person_id) DO UPDATE SET note = excluded.note, time = excluded.time
            """, logger: logger)
    }

    public func unblock(_ personID: String) async throws -> Bool {
        let rows = try await client.query(
            "DELETE FROM parley_blocked_person WHERE person_id = \(personID) RETURNING 1", logger: logger)
        for try await _ in rows.decode(Int32.self) { return true }
        return false
    }

    public func eraseAudit(limit: Int) async throws -> [EraseReport] {
        let rows = try await client.query(
            "SELECT person_id, actor, time, rows FROM parley_erase_audit ORDER BY id DESC LIMIT \(Int64(max(0, limit)))",
            logger: logger)
        var reports: [EraseReport] = []
        for try await (person, actor, time, counts) in rows.decode((String, String, PostgresTime, String).self) {
            reports.append(
                EraseReport(
                    personID: person, actor: actor, time: time.date,
                    rows: try StoredJSON.decoded([String: Int].self, from: counts, field: "erase counts", location: location)))
        }
        return reports
    }

    public func knownPeople() async throws -> [String] {
        let rows = try await client.query(
            """
            SELECT known FROM (
                SELECT unnest(people) FROM parley_conversation UNION SELECT unnest(people) FROM parley_message
                UNION SELECT unnest(people) FROM parley_world_result UNION SELECT person_id FROM parley_consent
                UNION SELECT user_id FROM parley_user_state UNION SELECT user_id FROM parley_exchange
            ) AS everyone(known)
            WHERE known <> \(EraseReport.placeholder) ORDER BY 1
            """, logger: logger)
        var people: [String] = []
        for try await person in rows.decode(String.self) { people.append(person) }
        return people
    }

    public func eraseConversations(endedBefore date: Date, keepResults: Bool) async throws -> Int {
        try await inTransaction { connection in
            let rows = try await connection.query(
                "DELETE FROM parley_conversation WHERE ended < \(PostgresTime(date)) RETURNING world_id", logger: logger)
            var worlds: [String] = []
            for try await world in rows.decode(String.self) { worlds.append(world) }
            try await connection.query("DELETE FROM parley_message WHERE world_id = ANY(\(worlds))", logger: logger)
            if !keepResults {
                try await connection.query("DELETE FROM parley_world_result WHERE world_id = ANY(\(worlds))", logger: logger)
            }
            return worlds.count
        }
    }

    /// Inserts a conversation or updates everything of a stored one but its review.
    static func upsert(_ conversation: ConversationRecord, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO parley_conversation (world_id, task, world, role, participants, people, started, ended, ending, ratings)
            VALUES (\(conversation.worldID), \(conversation.task), \(conversation.world), \(conversation.role.rawValue),
                \(StoredJSON.encoded(conversation.participants)), \(conversation.personIDs.filter { $0 != EraseReport.placeholder }), \(PostgresTime(conversation.started)),
                \(conversation.ended.map(PostgresTime.init)), \(conversation.ending?.rawValue), \(StoredJSON.encoded(conversation.ratings)))
            ON CONFLICT (world_id) DO UPDATE SET task = excluded.task, world = excluded.world, role = excluded.role,
                participants = excluded.participants, people = excluded.people, started = excluded.started,
                ended = excluded.ended, ending = excluded.ending, ratings = excluded.ratings
            """, logger: logger)
    }

    /// The conversations a `WHERE ... ORDER BY ...` tail selects.
    func fetchConversations(_ tail: PostgresQuery, on connection: PostgresConnection? = nil) async throws
        -> [ConversationRecord]
    {
        var query: PostgresQuery = """
            SELECT world_id, task, world, role, participants, started, ended, ending, ratings, verdict, review_note, reviewed
            FROM parley_conversation
            """
        query.sql += " " + tail.sql
        query.binds = tail.binds
        let rows =
            if let connection { try await connection.query(query, logger: logger) } else { try await client.query(query, logger: logger) }
        var conversations: [ConversationRecord] = []
        for try await row in rows.decode(
            (String, String, String, String, String, PostgresTime, PostgresTime?, String?, String, String?, String?, PostgresTime?).self)
        {
            let (worldID, task, world, role, participants, started, ended, ending, ratings, verdict, note, reviewed) = row
            guard let roleValue = ConversationRecord.Role(rawValue: role) else {
                throw StoreError(.corruptRecord, location: location, detail: "stored world role \(role) is unknown")
            }
            var review: ConversationReview?
            if let verdict, let reviewed {
                guard let value = ConversationReview.Verdict(rawValue: verdict) else {
                    throw StoreError(.corruptRecord, location: location, detail: "stored verdict \(verdict) is unknown")
                }
                review = ConversationReview(verdict: value, note: note ?? "", time: reviewed.date)
            }
            conversations.append(
                ConversationRecord(
                    worldID: worldID, task: task, world: world, role: roleValue,
                    participants: try StoredJSON.decoded(
                        [ConversationParticipant].self, from: participants, field: "participants", location: location),
                    started: started.date, ended: ended?.date, ending: ending.flatMap(ConversationEnding.init(rawValue:)),
                    ratings: try StoredJSON.decoded([ConversationRating].self, from: ratings, field: "ratings", location: location),
                    review: review))
        }
        return conversations
    }

    private func fetchBlocked(_ tail: PostgresQuery) async throws -> [BlockedPerson] {
        var query: PostgresQuery = "SELECT person_id, note, time FROM parley_blocked_person"
        query.sql += " " + tail.sql
        query.binds = tail.binds
        var blocked: [BlockedPerson] = []
        for try await (person, note, time) in try await client.query(query, logger: logger).decode((String, String, PostgresTime).self) {
            blocked.append(BlockedPerson(personID: person, note: note, time: time.date))
        }
        return blocked
    }
}
