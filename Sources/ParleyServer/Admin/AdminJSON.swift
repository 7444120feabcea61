import Foundation
import ParleyCore
import ParleyStore
import ParleyWorlds

/// How `/admin/api` writes conversation summaries, the block list, live worlds and their events
/// (the parts of a conversation as ``ConversationJSON`` does).
enum AdminJSON {
    static func time(_ date: Date) -> JSONValue {
        ConversationJSON.time(date)
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
            "people": .array(record.participants.map { ConversationJSON.participant($0) }), "messages": .number(Double(messages)),
            "rating": scores.isEmpty ? .null : .number(Double(scores.reduce(0, +)) / Double(scores.count)),
            "review": ConversationJSON.review(record.review),
        ])
    }

    static func world(_ view: LiveWorldView) -> JSONValue {
        .object([
            "world_id": .string(view.worldID), "task": .string(view.task), "world": .string(view.world),
            "role": .string(view.role.rawValue), "started": time(view.started),
            "people": .array(view.participants.map { ConversationJSON.participant($0) }),
            "operator": view.operatorName.map(JSONValue.string) ?? .null, "bots_paused": .bool(view.botsPaused),
            "recent": .array(view.recent.map { ConversationJSON.message($0, participants: view.participants) }),
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
                "message": ConversationJSON.message(record, participants: participants[worldID] ?? []),
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
