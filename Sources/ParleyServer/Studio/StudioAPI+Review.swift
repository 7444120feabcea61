import Foundation
import Hummingbird
import ParleyCore
import ParleyMind
import ParleyStore

extension StudioAPI {
    /// The most exchanges one review reads (the newest of the range).
    static let reviewLimit = 200_000

    /// `GET /studio/api/minds/{name}/review?since=&until=`: over the range (default the last 7
    /// days), the inputs no rule or only a catch-all answered, grouped by how the mind reads them
    /// and counted, most recently seen first; and each rule's wins.
    func review(_ name: String, query: Parameters) async throws -> Response {
        let until = try Self.date(query["until"], field: "until", endOfDay: true) ?? Date()
        let since = try Self.date(query["since"], field: "since", endOfDay: false) ?? until.addingTimeInterval(-7 * 86_400)
        guard since < until else { throw ReplyAPIError.invalidRequest("since must be before until") }
        let mind = try await reviewedMind(name)
        let exchanges = try await store.reviewedExchanges(mind: name, since: since, until: until, limit: Self.reviewLimit)
        let catchAlls = Set(mind.rules.filter(\.isCatchAll).map(\.id))
        var wins: [String: Int] = [:]
        var groups: [String: (count: Int, last: Date, example: String, rule: String?)] = [:]
        for exchange in exchanges {
            if let rule = exchange.rule { wins[rule, default: 0] += 1 }
            guard exchange.rule.map(catchAlls.contains) ?? true else { continue }
            // Control inputs ([start], [idle n]) are the servers' own, not people's.
            let text = mind.matchText(of: exchange.input)
            guard !text.hasPrefix("["), !text.isEmpty else { continue }
            if let group = groups[text] {
                groups[text]?.count = group.count + 1
            } else {
                // Exchanges come newest first: the first of a group is its latest.
                groups[text] = (1, exchange.time, exchange.input, exchange.rule)
            }
        }
        let unmatched = groups.sorted { $0.value.last > $1.value.last || ($0.value.last == $1.value.last && $0.key < $1.key) }
        let rules = mind.rules.filter { $0.kind != "restate" }
        return Self.json([
            "since": .string(StudioJSON.date(since)), "until": .string(StudioJSON.date(until)),
            "exchanges": .number(Double(exchanges.count)), "truncated": .bool(exchanges.count == Self.reviewLimit),
            "unmatched": .array(unmatched.map { text, group in
                [
                    "text": .string(text), "count": .number(Double(group.count)), "last": .string(StudioJSON.date(group.last)),
                    "example": .string(group.example), "rule": group.rule.map(JSONValue.string) ?? .null,
                ]
            }),
            "rules": .array(rules.map { ["id": .string($0.id), "wins": .number(Double(wins[$0.id] ?? 0))] }),
            "never": .array(rules.filter { wins[$0.id] == nil }.map { .string($0.id) }),
        ])
    }

    /// The mind that answered: a studio mind's latest version (its draft before the first
    /// publish), else the mind loaded at start.
    private func reviewedMind(_ name: String) async throws -> Mind {
        if let mind = try await store.studioMind(named: name) {
            if let latest = try await store.latestVersion(of: name), let compiled = await workbench.check(latest.source).mind {
                return compiled
            }
            if let compiled = await workbench.check(mind.source).mind { return compiled }
            throw ReplyAPIError(
                status: .unprocessableContent, code: "invalid_rulebase",
                message: "\"\(name)\" has no published version and its draft does not load")
        }
        guard minds.isLoaded(name) else { throw Self.notFound(name) }
        return try await minds.mind(named: name).mind
    }

    /// A query date: `YYYY-MM-DD` (the start of that day in UTC, or its end for `until`) or a full
    /// ISO 8601 time; nil when absent.
    private static func date(_ text: Substring?, field: String, endOfDay: Bool) throws(ReplyAPIError) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        if let day = try? Date(String(text) + "T00:00:00Z", strategy: .iso8601) {
            return endOfDay ? day.addingTimeInterval(86_400) : day
        }
        if let time = try? Date(String(text), strategy: .iso8601) { return time }
        throw .invalidRequest("\(field) must be a date (2026-12-01) or an ISO 8601 time (2026-12-01T09:30:00Z)")
    }
}
