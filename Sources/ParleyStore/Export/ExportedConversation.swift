import Foundation
import ParleyCore

/// A conversation with its messages and results, as the export formats write it.
struct ExportedConversation {
    let record: ConversationRecord
    let messages: [MessageRecord]
    let results: [WorldResult]

    static let csvHeader = CSVRow.line([
        "world_id", "task", "world", "ending", "verdict", "time", "speaker", "name", "kind", "service", "text", "payload",
    ])

    /// Who a speaker is: a participant, the world itself, or a name a world spoke under.
    private func speaker(_ id: String) -> (name: String, kind: String, service: String?) {
        if let participant = record.participants.first(where: { $0.id == id }) {
            return (participant.name, participant.kind.rawValue, participant.service)
        }
        return (id, "world", nil)
    }

    /// The `parley` format's line.
    func parleyLine() -> String {
        parleyObject().jsonText() + "\n"
    }

    /// The `parley` format's conversation object.
    func parleyObject() -> JSONValue {
        let people = record.participants.map { participant -> JSONValue in
            var fields: [String: JSONValue] = [
                "id": .string(participant.id), "name": .string(participant.name), "kind": .string(participant.kind.rawValue),
            ]
            if let service = participant.service { fields["service"] = .string(service) }
            if participant.kind == .person { fields["onboarding"] = .object(participant.onboarding) }
            return .object(fields)
        }
        let messages = messages.map { message -> JSONValue in
            let who = speaker(message.speaker)
            return .object([
                "speaker": .string(message.speaker), "name": .string(who.name), "kind": .string(who.kind),
                "text": .string(message.text), "payload": message.payload ?? .null,
                "time": .string(TranscriptExporter.timestamp(message.time)),
            ])
        }
        let line: [String: JSONValue] = [
            "world_id": .string(record.worldID), "task": .string(record.task), "world": .string(record.world),
            "role": .string(record.role.rawValue),
            "services": .array(Set(record.participants.compactMap(\.service)).sorted().map(JSONValue.string)),
            "started": .string(TranscriptExporter.timestamp(record.started)),
            "ended": record.ended.map { .string(TranscriptExporter.timestamp($0)) } ?? .null,
            "ending": record.ending.map { .string($0.rawValue) } ?? .null,
            "people": .array(people), "messages": .array(messages),
            "results": .array(results.map { .object(["data": $0.data, "time": .string(TranscriptExporter.timestamp($0.time))]) }),
            "ratings": .array(record.ratings.map(Self.json)),
            "review": record.review.map(Self.json) ?? .null,
        ]
        return .object(line)
    }

    /// The `parlai` format's line: the world's notices before anyone speaks are the context, later
    /// ones go under `notices`; the other messages, in pairs, are the dialog, each turn's `id` the
    /// name its speaker was shown under. What ParlAI has no place for is kept in extra keys.
    func parlaiLine() -> String {
        let firstSaid = messages.firstIndex { speaker($0.speaker).kind != "world" } ?? messages.endIndex
        let context = messages[..<firstSaid].map { JSONValue.object(["id": "context", "text": .string($0.text)]) }
        var turns: [JSONValue] = []
        var notices: [JSONValue] = []
        let spoken = messages[firstSaid...].filter { message in
            guard speaker(message.speaker).kind == "world" else { return true }
            notices.append(.object(["text": .string(message.text), "time": .string(TranscriptExporter.timestamp(message.time))]))
            return false
        }
        // A name two speakers share would merge them: those turns carry the speaker's id instead.
        var speakersByName: [String: Set<String>] = [:]
        for message in spoken { speakersByName[speaker(message.speaker).name, default: []].insert(message.speaker) }
        for (index, message) in spoken.enumerated() {
            let who = speaker(message.speaker)
            let id = speakersByName[who.name, default: []].count > 1 ? message.speaker : who.name
            turns.append(
                .object([
                    "id": .string(id), "text": .string(message.text), "episode_done": .bool(index == spoken.count - 1),
                    "speaker_id": .string(message.speaker), "speaker_kind": .string(who.kind),
                    "time": .string(TranscriptExporter.timestamp(message.time)),
                ]))
        }
        let dialog = stride(from: 0, to: turns.count, by: 2).map { JSONValue.array(Array(turns[$0..<min($0 + 2, turns.count)])) }
        let onboarding = record.participants.filter { $0.kind == .person && !$0.onboarding.isEmpty }
            .map { JSONValue.object(["id": .string($0.id), "data": .object($0.onboarding)]) }
        let line: [String: JSONValue] = [
            "dialog": .array(dialog), "context": .array(context), "notices": .array(notices),
            "world_id": .string(record.worldID), "task": .string(record.task), "ending": record.ending.map { .string($0.rawValue) } ?? .null,
            "onboarding": .array(onboarding), "results": .array(results.map(\.data)),
            "ratings": .array(record.ratings.map(Self.json)), "review": record.review.map(Self.json) ?? .null,
        ]
        return JSONValue.object(line).jsonText() + "\n"
    }

    /// The `csv` format's rows, one per message.
    func csvRows() -> String {
        messages.map { message in
            let who = speaker(message.speaker)
            return CSVRow.line([
                record.worldID, record.task, record.world, record.ending?.rawValue ?? "", record.review?.verdict.rawValue ?? "",
                TranscriptExporter.timestamp(message.time), message.speaker, who.name, who.kind, who.service ?? "", message.text,
                message.payload?.jsonText() ?? "",
            ])
        }.joined()
    }

    /// The names turns were spoken under, for ParlAI's metadata file.
    var speakerNames: [String] {
        messages.map { speaker($0.speaker) }.filter { $0.kind != "world" }.map(\.name)
    }

    private static func json(_ rating: ConversationRating) -> JSONValue {
        .object([
            "person_id": .string(rating.personID), "score": .number(Double(rating.score)),
            "comment": rating.comment.map(JSONValue.string) ?? .null, "time": .string(TranscriptExporter.timestamp(rating.time)),
        ])
    }

    private static func json(_ review: ConversationReview) -> JSONValue {
        .object([
            "verdict": .string(review.verdict.rawValue), "note": .string(review.note),
            "time": .string(TranscriptExporter.timestamp(review.time)),
        ])
    }
}
