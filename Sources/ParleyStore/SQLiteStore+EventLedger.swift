import Foundation
import GRDB

extension SQLiteStore: EventLedger {
    public func recordFirstSighting(service: String, eventID: String, at time: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO seen_event (service, event_id, time_us) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [service, eventID, time.microsecondsSince1970])
            return db.changesCount == 1
        }
    }

    public func forgetEvents(olderThan date: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM seen_event WHERE time_us < ?", arguments: [date.microsecondsSince1970])
            return db.changesCount
        }
    }
}
