import Foundation
import ParleyCore

/// How the parts of a conversation are written as JSON, alike in the `parley` export format and in
/// `/admin`'s answers.
public enum ConversationJSON {
    /// A time as ISO 8601 in UTC with milliseconds.
    public static func time(_ date: Date) -> JSONValue {
        .string(TranscriptExporter.timestamp(date))
    }

    /// A participant: `id`, `name`, `kind`, `service` when known, and for people with
    /// `onboarding`, what their onboarding collected.
    public static func participant(_ participant: ConversationParticipant, onboarding: Bool = false) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(participant.id), "name": .string(participant.name), "kind": .string(participant.kind.rawValue),
        ]
        if let service = participant.service { fields["service"] = .string(service) }
        if onboarding, participant.kind == .person { fields["onboarding"] = .object(participant.onboarding) }
        return .object(fields)
    }

    /// Who a speaker is among `participants`: their name, kind and service; a speaker who is none of
    /// them (the world itself, or a name a world spoke under) is of kind `world`.
    static func speaker(_ id: String, among participants: [ConversationParticipant]) -> (name: String, kind: String, service: String?) {
        guard let participant = participants.first(where: { $0.id == id }) else { return (id, "world", nil) }
        return (participant.name, participant.kind.rawValue, participant.service)
    }

    /// A message: `speaker`, `name`, `kind`, `text`, `payload`, `time`.
    public static func message(_ record: MessageRecord, participants: [ConversationParticipant]) -> JSONValue {
        let who = speaker(record.speaker, among: participants)
        return .object([
            "speaker": .string(record.speaker), "name": .string(who.name), "kind": .string(who.kind),
            "text": .string(record.text), "payload": record.payload ?? .null, "time": time(record.time),
        ])
    }

    /// A rating: `person_id`, `score`, `comment`, `time`.
    public static func rating(_ rating: ConversationRating) -> JSONValue {
        .object([
            "person_id": .string(rating.personID), "score": .number(Double(rating.score)),
            "comment": rating.comment.map(JSONValue.string) ?? .null, "time": time(rating.time),
        ])
    }

    /// A review: `verdict`, `note`, `time`; null when there is none.
    public static func review(_ review: ConversationReview?) -> JSONValue {
        guard let review else { return .null }
        return .object(["verdict": .string(review.verdict.rawValue), "note": .string(review.note), "time": time(review.time)])
    }
}
