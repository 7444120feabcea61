import Foundation
import ParleyCore
import PostgresNIO

extension PostgresStore {
    public func erasePerson(_ personID: String, actor: String) async throws -> EraseReport {
        let person = [personID]
        let placeholder = EraseReport.placeholder
        defer { forgetKnownRecords(of: personID) }
        return try await inTransaction { connection in
            var rows: [String: Int] = [:]
            func count(_ query: PostgresQuery) async throws -> Int {
                var changed = 0
                for try await _ in try await connection.query(query, logger: logger).decode(Int32.self) { changed += 1 }
                return changed
            }
            var worlds: [String] = []
            for try await world in try await connection.query(
                """
                SELECT world_id FROM parley_conversation WHERE people @> \(person)
                UNION SELECT world_id FROM parley_message WHERE people @> \(person) OR speaker = \(personID)
                UNION SELECT world_id FROM parley_world_result WHERE people @> \(person)
                """, logger: logger
            ).decode(String.self) {
                worlds.append(world)
            }
            for world in worlds {
                let conversation = try await conversation(world, on: connection)
                var messagePeople: [[String]] = []
                for try await people in try await connection.query(
                    "SELECT DISTINCT people FROM parley_message WHERE world_id = \(world)", logger: logger
                ).decode([String].self) {
                    messagePeople.append(people)
                }
                guard ConversationRecord.isShared(by: personID, conversation: conversation, messagePeople: messagePeople) else {
                    rows["messages", default: 0] += try await count(
                        "DELETE FROM parley_message WHERE world_id = \(world) RETURNING 1")
                    rows["results", default: 0] += try await count(
                        "DELETE FROM parley_world_result WHERE world_id = \(world) RETURNING 1")
                    rows["conversations", default: 0] += try await count(
                        "DELETE FROM parley_conversation WHERE world_id = \(world) RETURNING 1")
                    continue
                }
                rows["messages", default: 0] += try await count(
                    "DELETE FROM parley_message WHERE world_id = \(world) AND speaker = \(personID) RETURNING 1")
                rows["mentions", default: 0] += try await count(
                    """
                    UPDATE parley_message SET people = array_replace(people, \(personID), \(placeholder))
                    WHERE world_id = \(world) AND people @> \(person) RETURNING 1
                    """)
                // A shared result may hold the person's answers among others': it goes whole.
                rows["results", default: 0] += try await count(
                    "DELETE FROM parley_world_result WHERE world_id = \(world) AND people @> \(person) RETURNING 1")
                if let conversation {
                    try await Self.upsert(conversation.erasing(personID), on: connection, logger: logger)
                    rows["mentions", default: 0] += 1
                }
            }
            rows["consent", default: 0] += try await count("DELETE FROM parley_consent WHERE person_id = \(personID) RETURNING 1")
            rows["user_state", default: 0] += try await count(
                "DELETE FROM parley_user_state WHERE user_id = \(personID) RETURNING 1")
            rows["exchanges", default: 0] += try await count("DELETE FROM parley_exchange WHERE user_id = \(personID) RETURNING 1")
            rows["saved_worlds", default: 0] += try await count(
                "DELETE FROM parley_world_run WHERE people @> \([personID]) RETURNING 1")
            let report = EraseReport(personID: personID, actor: actor, time: Date(), rows: rows.filter { $0.value > 0 })
            try await connection.query(
                """
                INSERT INTO parley_erase_audit (person_id, actor, time, rows)
                VALUES (\(personID), \(actor), \(PostgresTime(report.time)), \(StoredJSON.encoded(report.rows)))
                """, logger: logger)
            return report
        }
    }

    /// The stored conversation of a world, read on `connection` (inside its transaction).
    private func conversation(_ worldID: String, on connection: PostgresConnection) async throws -> ConversationRecord? {
        try await fetchConversations("WHERE world_id = \(worldID)", on: connection).first
    }
}
