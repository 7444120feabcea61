import Foundation
import Hummingbird
import ParleyCore
import ParleyMind
import ParleyStore

extension StudioAPI {
    /// The most exchanges one review reads (the newest of the range).
    static let reviewLimit = 200_000

    /// `GET /studio/api/minds/{name}/review?since=&until=`: the ``MindReview`` of the range
    /// (default the last 7 days).
    func review(_ name: String, query: Parameters) async throws -> Response {
        let until = try Self.date(query["until"], field: "until", endOfDay: true) ?? Date()
        let since = try Self.date(query["since"], field: "since", endOfDay: false) ?? until.addingTimeInterval(-7 * 86_400)
        guard since < until else { throw ReplyAPIError.invalidRequest("since must be before until") }
        let (mind, version) = try await reviewedMind(name)
        let review = try await MindReview.read(
            name, from: store, mind: mind, version: version, since: since, until: until, limit: Self.reviewLimit
        ) { source in await workbench.check(source).mind }
        return Self.json([
            "since": .string(StudioJSON.date(since)), "until": .string(StudioJSON.date(until)),
            "exchanges": .number(Double(review.exchanges)), "truncated": .bool(review.exchanges == Self.reviewLimit),
            "version": version.map { .number(Double($0)) } ?? .null,
            "unmatched": .array(review.unmatched.map { group in
                [
                    "text": .string(group.text), "count": .number(Double(group.count)), "last": .string(StudioJSON.date(group.last)),
                    "example": .string(group.example), "rule": group.rule.map(JSONValue.string) ?? .null,
                ]
            }),
            "rules": .array(review.wins.map { ["id": .string($0.rule), "wins": .number(Double($0.wins))] }),
            "never": .array(review.never.map(JSONValue.string)),
        ])
    }

    /// The mind that answers now, and its version: a studio mind's latest version (its draft
    /// before the first publish), else the mind loaded at start.
    func reviewedMind(_ name: String) async throws -> (mind: Mind, version: Int?) {
        if let mind = try await store.studioMind(named: name) {
            if let latest = try await store.latestVersion(of: name), let compiled = await workbench.check(latest.source).mind {
                return (compiled, latest.number)
            }
            if let compiled = await workbench.check(mind.source).mind { return (compiled, nil) }
            throw ReplyAPIError(
                status: .unprocessableContent, code: "invalid_rulebase",
                message: "\"\(name)\" has no published version and its draft does not load")
        }
        guard minds.isLoaded(name) else { throw Self.notFound(name) }
        return (try await minds.mind(named: name).mind, nil)
    }

    /// A query date: `YYYY-MM-DD` (the start of that day in UTC, or its end for `until`) or a full
    /// ISO 8601 time; nil when absent.
    private static func date(_ text: Substring?, field: String, endOfDay: Bool) throws(ReplyAPIError) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        if let date = MindReview.date(String(text), endOfDay: endOfDay) { return date }
        throw .invalidRequest("\(field) must be a date (2026-12-01) or an ISO 8601 time (2026-12-01T09:30:00Z)")
    }
}
