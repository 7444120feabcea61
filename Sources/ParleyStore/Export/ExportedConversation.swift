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
        ConversationJSON.speaker(id, among: record.participants)
    }

    /// The `parley` format's line.
    func parleyLine() -> String {
        parleyObject().jsonText() + "\n"
    }

    /// The `parley` format's conversation object.
    func parleyObject() -> JSONValue {
        let line: [String: JSONValue] = [
            "world_id": .string(record.worldID), "task": .string(record.task), "world": .string(record.world),
            "role": .string(record.role.rawValue),
            "services": .array(Set(record.participants.compactMap(\.service)).sorted().map(JSONValue.string)),
            "started": ConversationJSON.time(record.started), "ended": record.ended.map(ConversationJSON.time) ?? .null,
            "ending": record.ending.map { .string($0.rawValue) } ?? .null,
            "people": .array(record.participants.map { ConversationJSON.participant($0, onboarding: true) }),
            "messages": .array(messages.map { ConversationJSON.message($0, participants: record.participants) }),
            "results": .array(results.map { .object(["data": $0.data, "time": ConversationJSON.time($0.time)]) }),
            "ratings": .array(record.ratings.map(ConversationJSON.rating)), "review": ConversationJSON.review(record.review),
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
            "ratings": .array(record.ratings.map(ConversationJSON.rating)), "review": ConversationJSON.review(record.review),
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
}
