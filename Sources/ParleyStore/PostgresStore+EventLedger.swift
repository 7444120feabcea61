import Foundation
import PostgresNIO

extension PostgresStore: EventLedger {
    public func recordFirstSighting(service: String, eventID: String, at time: Date) async throws -> Bool {
        var inserted = false
        let rows = try await client.query(
            """
            INSERT INTO parley_seen_event (service, event_id, time)
            VALUES (\(service), \(eventID), 'epoch'::timestamptz + interval '1 microsecond' * \(time.microsecondsSince1970))
            ON CONFLICT DO NOTHING RETURNING 1
            """, logger: logger)
        for try await _ in rows.decode(Int32.self) { inserted = true }
        return inserted
    }

    public func forgetEvents(olderThan date: Date) async throws -> Int {
        var count = 0
        let rows = try await client.query(
            """
            WITH gone AS (
                DELETE FROM parley_seen_event
                WHERE time < 'epoch'::timestamptz + interval '1 microsecond' * \(date.microsecondsSince1970) RETURNING 1
            ) SELECT count(*)::int8 FROM gone
            """, logger: logger)
        for try await found in rows.decode(Int64.self) { count = Int(found) }
        return count
    }
}
