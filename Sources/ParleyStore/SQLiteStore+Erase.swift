import Foundation
import GRDB
import ParleyCore

extension SQLiteStore {
    public func erasePerson(_ personID: String, actor: String) async throws -> EraseReport {
        let location = path
        return try await pool.write { db in
            var rows: [String: Int] = [:]
            let worlds = try String.fetchAll(
                db,
                sql: """
                    SELECT world_id FROM conversation_person WHERE person_id = ?
                    UNION SELECT m.world_id FROM message m JOIN message_person p ON p.message_id = m.id WHERE p.person_id = ?
                    UNION SELECT r.world_id FROM world_result r JOIN world_result_person p ON p.result_id = r.id
                        WHERE p.person_id = ?
                    """,
                arguments: [personID, personID, personID])
            for world in worlds {
                let conversation = try Row.fetchOne(db, sql: "SELECT * FROM conversation WHERE world_id = ?", arguments: [world])
                    .map { try Self.conversation(from: $0, location: location) }
                let messagePeople = try String.fetchAll(
                    db, sql: "SELECT DISTINCT people FROM message WHERE world_id = ?", arguments: [world]
                ).map { try StoredJSON.people($0, location: location) }
                guard ConversationRecord.isShared(by: personID, conversation: conversation, messagePeople: messagePeople) else {
                    try db.execute(sql: "DELETE FROM message WHERE world_id = ?", arguments: [world])
                    rows["messages", default: 0] += db.changesCount
                    try db.execute(sql: "DELETE FROM world_result WHERE world_id = ?", arguments: [world])
                    rows["results", default: 0] += db.changesCount
                    try db.execute(sql: "DELETE FROM conversation WHERE world_id = ?", arguments: [world])
                    rows["conversations", default: 0] += db.changesCount
                    continue
                }
                try db.execute(sql: "DELETE FROM message WHERE world_id = ? AND speaker = ?", arguments: [world, personID])
                rows["messages", default: 0] += db.changesCount
                let mentions = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT m.id, m.people FROM message m JOIN message_person p ON p.message_id = m.id
                        WHERE m.world_id = ? AND p.person_id = ?
                        """,
                    arguments: [world, personID])
                for mention in mentions {
                    let people = try StoredJSON.people(mention["people"], location: location)
                        .map { $0 == personID ? EraseReport.placeholder : $0 }
                    let id: Int64 = mention["id"]
                    try db.execute(sql: "UPDATE message SET people = ? WHERE id = ?", arguments: [StoredJSON.text(people), id])
                    try db.execute(
                        sql: "DELETE FROM message_person WHERE message_id = ? AND person_id = ?", arguments: [id, personID])
                }
                rows["mentions", default: 0] += mentions.count
                // A shared result may hold the person's answers among others': it goes whole.
                try db.execute(
                    sql: """
                        DELETE FROM world_result WHERE world_id = ? AND id IN
                            (SELECT result_id FROM world_result_person WHERE person_id = ?)
                        """,
                    arguments: [world, personID])
                rows["results", default: 0] += db.changesCount
                if let conversation {
                    try Self.upsert(conversation.erasing(personID), in: db)
                    rows["mentions", default: 0] += 1
                }
            }
            try db.execute(sql: "DELETE FROM consent WHERE person_id = ?", arguments: [personID])
            rows["consent", default: 0] += db.changesCount
            try db.execute(sql: "DELETE FROM user_state WHERE user_id = ?", arguments: [personID])
            rows["user_state", default: 0] += db.changesCount
            try db.execute(sql: "DELETE FROM exchange WHERE user_id = ?", arguments: [personID])
            rows["exchanges", default: 0] += db.changesCount
            try db.execute(
                sql: "DELETE FROM world_run WHERE EXISTS (SELECT 1 FROM json_each(world_run.people) WHERE value = ?)",
                arguments: [personID])
            rows["saved_worlds", default: 0] += db.changesCount
            let report = EraseReport(personID: personID, actor: actor, time: Date(), rows: rows.filter { $0.value > 0 })
            try db.execute(
                sql: "INSERT INTO erase_audit (person_id, actor, time_us, rows) VALUES (?, ?, ?, ?)",
                arguments: [personID, actor, report.time.microsecondsSince1970, StoredJSON.encoded(report.rows)])
            return report
        }
    }
}
