import Foundation
import ParleyCore
import ParleyStore
import ParleyWorlds

/// How `/admin/api` writes conversations, live worlds and their events.
enum AdminJSON {
    static func time(_ date: Date) -> JSONValue {
        .string(TranscriptExporter.timestamp(date))
    }

    static func participant(_ participant: ConversationParticipant) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(participant.id), "name": .string(participant.name), "kind": .string(participant.kind.rawValue),
        ]
        if let service = participant.service { fields["service"] = .string(service) }
        return .object(fields)
    }

    static func review(_ review: ConversationReview?) -> JSONValue {
        guard let review else { return .null }
        return .object(["verdict": .string(review.verdict.rawValue), "note": .string(review.note), "time": time(review.time)])
    }

    static func blocked(_ person: BlockedPerson) -> JSONValue {
        .object(["person_id": .string(person.personID), "note": .string(person.note), "time": time(person.time)])
    }

    /// A conversation in the list: who, when, how it ended, its average rating and review.
    static func summary(_ record: ConversationRecord, messages: Int) -> JSONValue {
        let scores = record.ratings.map(\.score)
        return .object([
            "world_id": .string(record.worldID), "task": .string(record.task), "world": .string(record.world),
            "started": time(record.started), "ended": record.ended.map(time) ?? .null,
            "ending": record.ending.map { .string($0.rawValue) } ?? .null,
            "people": .array(record.participants.map(participant)), "messages": .number(Double(messages)),
            "rating": scores.isEmpty ? .null : .number(Double(scores.reduce(0, +)) / Double(scores.count)),
            "review": review(record.review),
        ])
    }

    /// A message as the live view shows it, its speaker's name and kind from `participants`.
    static func message(_ record: MessageRecord, participants: [ConversationParticipant]) -> JSONValue {
        let speaker = participants.first { $0.id == record.speaker }
        return .object([
            "speaker": .string(record.speaker), "name": .string(speaker?.name ?? record.speaker),
            "kind": .string(speaker?.kind.rawValue ?? "world"), "text": .string(record.text), "payload": record.payload ?? .null,
            "time": time(record.time),
        ])
    }

    static func world(_ view: LiveWorldView) -> JSONValue {
        .object([
            "world_id": .string(view.worldID), "task": .string(view.task), "world": .string(view.world),
            "role": .string(view.role.rawValue), "started": time(view.started),
            "people": .array(view.participants.map(participant)),
            "operator": view.operatorName.map(JSONValue.string) ?? .null, "bots_paused": .bool(view.botsPaused),
            "recent": .array(view.recent.map { message($0, participants: view.participants) }),
        ])
    }

    /// A live event; messages name their speakers from `participants` (the world's, as last seen).
    static func event(_ event: LiveWorldEvent, participants: [String: [ConversationParticipant]]) -> JSONValue {
        switch event {
        case .snapshot(let views):
            return .object(["type": "snapshot", "worlds": .array(views.map(world))])
        case .started(let view):
            return .object(["type": "started", "world": world(view)])
        case .message(let worldID, let record):
            return .object([
                "type": "message", "world_id": .string(worldID),
                "message": message(record, participants: participants[worldID] ?? []),
            ])
        case .ended(let worldID, let ending):
            return .object(["type": "ended", "world_id": .string(worldID), "ending": .string(ending.rawValue)])
        case .operatorChanged(let worldID, let name, let paused):
            return .object([
                "type": "operator", "world_id": .string(worldID), "operator": name.map(JSONValue.string) ?? .null,
                "bots_paused": .bool(paused),
            ])
        }
    }
}
