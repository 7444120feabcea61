import Foundation
import ParleyCore

/// Writes stored messages as JSON Lines (`parley transcripts export`), page by page, so a large
/// transcript is never loaded whole; or the world results (`--results`).
///
/// Each line is one message record with the keys, in this order: `world_id`, `task`, `world`,
/// `people`, `speaker`, `text`, `payload` (null when none), `time` (ISO 8601, UTC, milliseconds).
/// A world result's line has `world_id`, `task`, `world`, `people`, `data` and `time`. A reply API
/// exchange's line has `mind`, `user_id`, `input`, `output`, `rule` (the rule that answered, null
/// when none did or it was not recorded) and `time`.
public struct TranscriptExporter: Sendable {
    public var store: any TranscriptStore
    /// How many records are read (and written) at a time.
    public var pageSize: Int

    public init(store: any TranscriptStore, pageSize: Int = 1000) {
        self.store = store
        self.pageSize = max(1, pageSize)
    }

    /// Writes every message said at or after `since` (all when nil), oldest first, handing
    /// `write` one page of lines at a time. Returns how many records were written.
    @discardableResult
    public func export(since: Date? = nil, to write: (Data) throws -> Void) async throws -> Int {
        var count = 0
        var cursor: MessageCursor?
        repeat {
            let page = try await store.messages(since: since, after: cursor, limit: pageSize)
            if !page.records.isEmpty {
                try write(Data(page.records.map(Self.line(for:)).joined().utf8))
                count += page.records.count
            }
            cursor = page.next
        } while cursor != nil
        return count
    }

    /// Writes every message said at or after `since` to `handle`; returns how many.
    @discardableResult
    public func export(since: Date? = nil, to handle: FileHandle) async throws -> Int {
        try await export(since: since) { data in try handle.write(contentsOf: data) }
    }

    /// Writes every world result saved at or after `since` (all when nil), oldest first; returns
    /// how many.
    @discardableResult
    public func exportResults(since: Date? = nil, to write: (Data) throws -> Void) async throws -> Int {
        let results = try await store.results(since: since)
        for page in stride(from: 0, to: results.count, by: pageSize) {
            try write(Data(results[page..<min(page + pageSize, results.count)].map(Self.line(for:)).joined().utf8))
        }
        return results.count
    }

    /// Writes every reply API exchange of `exchanges` made at or after `since` (all when nil),
    /// in the order they were stored, a page at a time; returns how many.
    @discardableResult
    public func exportExchanges(
        of exchanges: any UserStateStore, since: Date? = nil, to write: (Data) throws -> Void
    ) async throws -> Int {
        var count = 0
        var after: Int64?
        while true {
            let page = try await exchanges.exchanges(since: since, after: after, limit: pageSize)
            guard let last = page.last else { return count }
            try write(Data(page.map(Self.line(for:)).joined().utf8))
            count += page.count
            after = last.id
        }
    }

    /// One reply API exchange as a line of JSON, newline included.
    public static func line(for exchange: LoggedExchange) -> String {
        let fields: [(String, String)] = [
            ("mind", JSONValue.string(exchange.mind).jsonText()),
            ("user_id", JSONValue.string(exchange.userID).jsonText()),
            ("input", JSONValue.string(exchange.input).jsonText()),
            ("output", JSONValue.string(exchange.output).jsonText()),
            ("rule", (exchange.rule.map(JSONValue.string) ?? .null).jsonText()),
            ("time", JSONValue.string(timestamp(exchange.time)).jsonText()),
        ]
        return objectLine(fields)
    }

    /// One world result as a line of JSON, newline included.
    public static func line(for result: WorldResult) -> String {
        let fields: [(String, String)] = [
            ("world_id", JSONValue.string(result.worldID).jsonText()),
            ("task", JSONValue.string(result.task).jsonText()),
            ("world", JSONValue.string(result.world).jsonText()),
            ("people", JSONValue.array(result.people.map(JSONValue.string)).jsonText()),
            ("data", result.data.jsonText()),
            ("time", JSONValue.string(timestamp(result.time)).jsonText()),
        ]
        return objectLine(fields)
    }

    /// One record as a line of JSON, newline included.
    public static func line(for record: MessageRecord) -> String {
        let fields: [(String, String)] = [
            ("world_id", JSONValue.string(record.worldID).jsonText()),
            ("task", JSONValue.string(record.task).jsonText()),
            ("world", JSONValue.string(record.world).jsonText()),
            ("people", JSONValue.array(record.people.map(JSONValue.string)).jsonText()),
            ("speaker", JSONValue.string(record.speaker).jsonText()),
            ("text", JSONValue.string(record.text).jsonText()),
            ("payload", (record.payload ?? .null).jsonText()),
            ("time", JSONValue.string(timestamp(record.time)).jsonText()),
        ]
        return objectLine(fields)
    }

    /// A JSON object of `fields` (keys and their JSON text, in order) as a line, newline included.
    private static func objectLine(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
    }

    /// ISO 8601 in UTC with milliseconds, rounded (the system formatter truncates, which turns
    /// a stored 1.234 s into 1.233).
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        if fraction < 0 {
            seconds -= 1
            fraction += 1000
        }
        let whole = Date(timeIntervalSince1970: Double(seconds)).formatted(.iso8601)  // ...T00:00:01Z
        let digits = String(fraction)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }
}
