import Foundation
import ParleyCore

/// Writes what was collected (`parley transcripts export`, `/admin`): conversations with their
/// messages, results, ratings and review, or reply API exchanges, in an ``ExportFormat``.
///
/// Times are ISO 8601 in UTC with milliseconds. Conversations are read one at a time and
/// exchanges a page at a time, so a large store is never loaded whole.
public struct TranscriptExporter: Sendable {
    public var store: any TranscriptStore
    /// How many exchanges are read (and written) at a time.
    public var pageSize: Int

    public init(store: any TranscriptStore, pageSize: Int = 1000) {
        self.store = store
        self.pageSize = max(1, pageSize)
    }

    /// Writes the conversations `query` selects, oldest first, handing `write` one conversation's
    /// text at a time (the CSV header first). Returns how many conversations were written; with
    /// `speakers`, also collects the names turns were spoken under (for ParlAI's metadata file).
    @discardableResult
    public func exportConversations(
        _ query: ConversationQuery, format: ExportFormat, speakers: ((String) -> Void)? = nil,
        to write: (Data) throws -> Void
    ) async throws -> Int {
        try await exportConversations(try await store.conversations(query), format: format, speakers: speakers, to: write)
    }

    /// Writes `records` (conversations of this store) with their messages and results, in order;
    /// returns how many.
    @discardableResult
    public func exportConversations(
        _ records: [ConversationRecord], format: ExportFormat, speakers: ((String) -> Void)? = nil,
        to write: (Data) throws -> Void
    ) async throws -> Int {
        if format == .csv { try write(Data(ExportedConversation.csvHeader.utf8)) }
        for record in records {
            let conversation = ExportedConversation(
                record: record, messages: try await store.messages(inWorld: record.worldID),
                results: try await store.results(inWorld: record.worldID))
            let text =
                switch format {
                case .parley: conversation.parleyLine()
                case .parlai: conversation.parlaiLine()
                case .csv: conversation.csvRows()
                }
            try write(Data(text.utf8))
            if let speakers { conversation.speakerNames.forEach(speakers) }
        }
        return records.count
    }

    /// Writes the reply API exchanges of `exchanges` made in `since..<until` (open when nil), of
    /// `userID` and `mind` when given, in the order they were stored. In the `parlai` format each
    /// user's exchanges with one mind are one conversation (held until the end, so this format
    /// keeps every selected exchange in memory). Returns how many exchanges were written.
    @discardableResult
    public func exportExchanges(
        of exchanges: any UserStateStore, format: ExportFormat, since: Date? = nil, until: Date? = nil,
        userID: String? = nil, mind: String? = nil, to write: (Data) throws -> Void
    ) async throws -> Int {
        if format == .csv { try write(Data(CSVRow.line(["mind", "user_id", "time", "input", "output", "rule"]).utf8)) }
        var count = 0
        var after: Int64?
        var dialogs: [String: (mind: String, userID: String, turns: [LoggedExchange])] = [:]
        var order: [String] = []
        while true {
            let page = try await exchanges.exchanges(since: since, after: after, limit: pageSize)
            guard let last = page.last else { break }
            after = last.id
            let selected = page.filter { exchange in
                (until.map { exchange.time < $0 } ?? true) && (userID.map { exchange.userID == $0 } ?? true)
                    && (mind.map { exchange.mind == $0 } ?? true)
            }
            count += selected.count
            switch format {
            case .parley: try write(Data(selected.map(Self.line(for:)).joined().utf8))
            case .csv:
                let rows = selected.map {
                    CSVRow.line([$0.mind, $0.userID, Self.timestamp($0.time), $0.input, $0.output, $0.rule ?? ""])
                }
                try write(Data(rows.joined().utf8))
            case .parlai:
                for exchange in selected {
                    let key = exchange.mind + "\u{0}" + exchange.userID
                    if dialogs[key] == nil {
                        order.append(key)
                        dialogs[key] = (exchange.mind, exchange.userID, [])
                    }
                    dialogs[key]?.turns.append(exchange)
                }
            }
        }
        for key in order {
            guard let dialog = dialogs[key] else { continue }
            let pairs = dialog.turns.enumerated().map { index, exchange in
                JSONValue.array([
                    .object(["id": .string(dialog.userID), "text": .string(exchange.input), "episode_done": false]),
                    .object([
                        "id": .string(dialog.mind), "text": .string(exchange.output),
                        "episode_done": .bool(index == dialog.turns.count - 1),
                    ]),
                ])
            }
            let line: [String: JSONValue] = [
                "dialog": .array(pairs), "context": .array([]), "mind": .string(dialog.mind), "user_id": .string(dialog.userID),
            ]
            try write(Data((JSONValue.object(line).jsonText() + "\n").utf8))
        }
        return count
    }

    /// One conversation in the `parley` format (as a line of its export), nil when the store has
    /// no conversation of that world.
    public func conversation(_ worldID: String) async throws -> JSONValue? {
        guard let record = try await store.conversation(worldID) else { return nil }
        return ExportedConversation(
            record: record, messages: try await store.messages(inWorld: worldID), results: try await store.results(inWorld: worldID)
        ).parleyObject()
    }

    /// ParlAI's metadata file for an export (`NAME.metadata` beside `NAME.jsonl`), with every key
    /// its loader requires.
    public static func parlaiMetadata(speakers: [String], options: [String: JSONValue], date: Date = Date()) -> String {
        var seen = Set<String>()
        let unique = speakers.filter { seen.insert($0).inserted }
        let metadata: [String: JSONValue] = [
            "date": .string(timestamp(date)), "opt": .object(options), "self_chat": false,
            "speakers": .array(unique.map(JSONValue.string)), "version": "0.1", "exported_by": "parley",
        ]
        return JSONValue.object(metadata).jsonText() + "\n"
    }

    /// One reply API exchange as a line of JSON (`mind`, `user_id`, `input`, `output`, `rule`,
    /// `time`), newline included.
    public static func line(for exchange: LoggedExchange) -> String {
        let fields: [String: JSONValue] = [
            "mind": .string(exchange.mind), "user_id": .string(exchange.userID), "input": .string(exchange.input),
            "output": .string(exchange.output), "rule": exchange.rule.map(JSONValue.string) ?? .null,
            "time": .string(timestamp(exchange.time)),
        ]
        return JSONValue.object(fields).jsonText() + "\n"
    }

    /// A time written in ISO 8601, with or without fractions of a second (`2026-01-31T09:00:00Z`,
    /// `2026-01-31T09:00:00.250+01:00`), as the export's filters take it; nil for anything else.
    public static func time(parsing text: String) -> Date? {
        (try? Date(text, strategy: .iso8601))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }

    /// ISO 8601 in UTC with milliseconds, rounded (the system formatter truncates, which turns
    /// a stored 1.234 s into 1.233).
    public static func timestamp(_ date: Date) -> String {
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
