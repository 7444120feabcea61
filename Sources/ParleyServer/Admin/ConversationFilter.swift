import Foundation
import Hummingbird
import ParleyStore

/// The filters of `/admin/api/conversations` and `/admin/api/export`, from the query string:
/// `task`, `person`, `service`, `since` and `until` (ISO 8601), `completed=true`,
/// `verdict=accepted|rejected|unreviewed`, `min_rating` and `limit`.
struct ConversationFilter {
    var query: ConversationQuery
    var service: String?
    var minimumRating: Double?

    init(_ parameters: Parameters, defaultLimit: Int?) throws {
        func text(_ name: String) -> String? {
            parameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        }
        func time(_ name: String) throws -> Date? {
            guard let value = text(name) else { return nil }
            if let date = TranscriptExporter.time(parsing: value) { return date }
            throw ReplyAPIError.invalidRequest("\(name) must be an ISO 8601 time such as 2026-01-31T09:00:00Z, not \(value)")
        }
        query = ConversationQuery(task: text("task"), since: try time("since"), until: try time("until"), personID: text("person"))
        query.completedOnly = text("completed") == "true"
        switch text("verdict") {
        case nil: break
        case "unreviewed": query.unreviewedOnly = true
        case let verdict?:
            guard let value = ConversationReview.Verdict(rawValue: verdict) else {
                throw ReplyAPIError.invalidRequest("verdict must be accepted, rejected or unreviewed, not \(verdict)")
            }
            query.verdict = value
        }
        service = text("service")
        if let rating = text("min_rating") {
            guard let value = Double(rating) else { throw ReplyAPIError.invalidRequest("min_rating must be a number, not \(rating)") }
            minimumRating = value
        }
        if let limit = text("limit") {
            guard let value = Int(limit), value > 0 else { throw ReplyAPIError.invalidRequest("limit must be a positive whole number") }
            query.limit = min(value, defaultLimit ?? value)
        } else {
            query.limit = defaultLimit
        }
    }

    /// The conversations that pass every filter.
    func select(from store: any TranscriptStore) async throws -> [ConversationRecord] {
        try await store.conversations(query).filter { record in
            if let service, !record.participants.contains(where: { $0.service == service }) { return false }
            if let minimumRating {
                let scores = record.ratings.map(\.score)
                guard !scores.isEmpty, Double(scores.reduce(0, +)) / Double(scores.count) >= minimumRating else { return false }
            }
            return true
        }
    }
}
