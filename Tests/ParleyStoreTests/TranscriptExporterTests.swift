import Foundation
import ParleyCore
import Testing

@testable import ParleyStore

extension JSONValue {
    /// The item at `index` of an array, nil for anything else.
    fileprivate func at(_ index: Int) -> JSONValue? {
        guard let items = arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }
}

@Suite("Export of conversations and exchanges")
struct TranscriptExporterTests {
    /// A chat of alice and bob with a bot, a notice before and after, a result, a rating and a review.
    private func storeWithAChat() async throws -> SQLiteStore {
        let store = try SQLiteStore.temporary()
        let people = ["alice", "bob"]
        try await store.append([
            message("Welcome, you two.", world: "w1", people: people, speaker: "World", at: at(1_000)),
            message("hi \"bob\", how are you?", world: "w1", people: people, speaker: "alice", at: at(1_234)),
            message("fine, thanks", world: "w1", people: people, speaker: "bob", at: at(2_000)),
            message("Want a joke?", world: "w1", people: people, speaker: "mind", payload: ["mood": "happy"], at: at(3_000)),
            message("The other agent has left the chat.", world: "w1", people: people, speaker: "World", at: at(4_000)),
            message("menu", world: "m", people: ["alice"], speaker: "World", at: at(500)),
        ])
        try await store.saveConversation(
            ConversationRecord(
                worldID: "w1", task: "chat", world: "ChatWorld", role: .task,
                participants: [
                    ConversationParticipant(id: "alice", name: "Ann", kind: .person, service: "websocket", onboarding: ["age": 30]),
                    ConversationParticipant(id: "bob", name: "Bo", kind: .person, service: "messenger"),
                    ConversationParticipant(id: "mind", name: "mind", kind: .bot),
                ],
                started: at(900), ended: at(4_000), ending: .completed,
                ratings: [ConversationRating(personID: "alice", score: 5, comment: "nice", time: at(4_500))]))
        try await store.saveConversation(
            ConversationRecord(
                worldID: "m", task: "overworld", world: "MenuWorld", role: .overworld,
                participants: [ConversationParticipant(id: "alice", name: "alice", kind: .person)], started: at(400)))
        try await store.saveResult(
            WorldResult(worldID: "w1", task: "chat", world: "ChatWorld", people: people, data: ["topic": "jokes"], time: at(4_100)))
        _ = try await store.setReview(ConversationReview(verdict: .accepted, note: "good", time: at(9_000)), of: "w1")
        return store
    }

    private func export(_ store: SQLiteStore, _ format: ExportFormat, _ query: ConversationQuery = ConversationQuery()) async throws
        -> (count: Int, text: String)
    {
        var output = Data()
        let count = try await TranscriptExporter(store: store).exportConversations(query, format: format) { output.append($0) }
        return (count, String(decoding: output, as: UTF8.self))
    }

    @Test func writesOneConversationPerLineWithEverythingKeptAboutIt() async throws {
        let store = try await storeWithAChat()
        let (count, text) = try await export(store, .parley)
        #expect(count == 1)  // task worlds only: the menu is left out
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1 && text.hasSuffix("\n"))
        let line = try JSONValue.parse(String(lines[0]))
        #expect(line["world_id"] == "w1" && line["task"] == "chat" && line["role"] == "task" && line["ending"] == "completed")
        #expect(line["services"] == ["messenger", "websocket"])
        #expect(line["started"] == "2026-01-01T00:00:00.900Z" && line["ended"] == "2026-01-01T00:00:04.000Z")
        #expect(line["people"]?.at(0) == ["id": "alice", "name": "Ann", "kind": "person", "service": "websocket", "onboarding": ["age": 30]])
        #expect(line["people"]?.at(2) == ["id": "mind", "name": "mind", "kind": "bot"])
        #expect(line["messages"]?.at(1) == [
            "speaker": "alice", "name": "Ann", "kind": "person", "text": "hi \"bob\", how are you?", "payload": nil,
            "time": "2026-01-01T00:00:01.234Z",
        ])
        #expect(line["messages"]?.at(0)?["kind"] == "world" && line["messages"]?.at(3)?["payload"] == ["mood": "happy"])
        #expect(line["results"] == [["data": ["topic": "jokes"], "time": "2026-01-01T00:00:04.100Z"]])
        #expect(line["ratings"]?.at(0)?["score"] == 5 && line["ratings"]?.at(0)?["comment"] == "nice")
        #expect(line["review"] == ["verdict": "accepted", "note": "good", "time": "2026-01-01T00:00:09.000Z"])

        let all = try await export(store, .parley, ConversationQuery(roles: [.overworld, .task]))
        #expect(all.count == 2 && all.text.split(separator: "\n").count == 2)
        #expect(try await export(store, .parley, ConversationQuery(verdict: .rejected)).count == 0)
    }

    @Test func writesParlAIConversationsWithNoticesAside() async throws {
        let store = try await storeWithAChat()
        let line = try JSONValue.parse(String(try await export(store, .parlai).text.dropLast()))
        #expect(line["context"] == [["id": "context", "text": "Welcome, you two."]])
        #expect(line["notices"]?.at(0)?["text"] == "The other agent has left the chat.")
        guard case .array(let dialog)? = line["dialog"] else {
            Issue.record("no dialog")
            return
        }
        #expect(dialog.count == 2)
        #expect(dialog[0].at(0)?["id"] == "Ann" && dialog[0].at(0)?["speaker_id"] == "alice" && dialog[0].at(0)?["episode_done"] == false)
        #expect(dialog[0].at(1)?["id"] == "Bo" && dialog[1].at(0)?["id"] == "mind" && dialog[1].at(0)?["episode_done"] == true)
        #expect(line["onboarding"] == [["id": "alice", "data": ["age": 30]]])
        #expect(line["results"] == [["topic": "jokes"]] && line["review"]?["verdict"] == "accepted")
    }

    @Test func writesOneCSVRowPerMessageQuotingWhatNeedsIt() async throws {
        let store = try await storeWithAChat()
        let rows = try await export(store, .csv).text.components(separatedBy: "\r\n")
        #expect(rows[0] == "world_id,task,world,ending,verdict,time,speaker,name,kind,service,text,payload")
        #expect(rows[2] == #"w1,chat,ChatWorld,completed,accepted,2026-01-01T00:00:01.234Z,alice,Ann,person,websocket,"hi ""bob"", how are you?","#)
        #expect(rows[4] == #"w1,chat,ChatWorld,completed,accepted,2026-01-01T00:00:03.000Z,mind,mind,bot,,Want a joke?,"{""mood"":""happy""}""#)
        #expect(rows.count == 7 && rows[6].isEmpty)
    }

    @Test func writesReplyAPIExchangesInEachFormatWithFilters() async throws {
        let store = try SQLiteStore.temporary()
        for index in 0..<6 {
            try await store.logExchange(
                mind: index < 5 ? "pizza" : "other", userID: "u\(index % 2)",
                Exchange(input: "in \(index)", output: "out, \(index)", time: at(Int64(index) * 1000), rule: index == 2 ? nil : "main.\(index)"))
        }
        func run(_ format: ExportFormat, since: Date? = nil, until: Date? = nil, user: String? = nil, mind: String? = nil) async throws
            -> (Int, [String])
        {
            var output = Data()
            let count = try await TranscriptExporter(store: store, pageSize: 2).exportExchanges(
                of: store, format: format, since: since, until: until, userID: user, mind: mind) { output.append($0) }
            return (count, String(decoding: output, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init))
        }
        let (count, lines) = try await run(.parley, since: at(1000), until: at(5000))
        #expect(count == 4)
        #expect(try JSONValue.parse(lines[0]) == [
            "mind": "pizza", "user_id": "u1", "input": "in 1", "output": "out, 1", "rule": "main.1", "time": "2026-01-01T00:00:01.000Z",
        ])
        #expect(try JSONValue.parse(lines[1])["rule"] == .null)
        let (csvCount, rows) = try await run(.csv, user: "u0", mind: "pizza")
        #expect(csvCount == 3 && rows[0] == "mind,user_id,time,input,output,rule")
        #expect(rows[1] == #"pizza,u0,2026-01-01T00:00:00.000Z,in 0,"out, 0",main.0"#)
        let (parlaiCount, dialogs) = try await run(.parlai)
        #expect(parlaiCount == 6 && dialogs.count == 3)  // pizza with u0, pizza with u1, other with u1
        let first = try JSONValue.parse(dialogs[0])
        #expect(first["mind"] == "pizza" && first["user_id"] == "u0")
        #expect(first["dialog"]?.at(0) == [
            ["id": "u0", "text": "in 0", "episode_done": false], ["id": "pizza", "text": "out, 0", "episode_done": false],
        ])
        #expect(first["dialog"]?.at(2)?.at(1)?["episode_done"] == true)
    }

    @Test func writesParlAIMetadataWithEveryKeyItsLoaderNeeds() throws {
        let text = TranscriptExporter.parlaiMetadata(speakers: ["Ann", "Bo", "Ann"], options: ["task": "chat"], date: at(0))
        let metadata = try JSONValue.parse(text)
        for key in ["date", "opt", "self_chat", "speakers", "version"] { #expect(metadata[key] != nil, "\(key)") }
        #expect(metadata["speakers"] == ["Ann", "Bo"] && metadata["opt"] == ["task": "chat"])
    }

    @Test func roundsTimesToMilliseconds() {
        #expect(TranscriptExporter.timestamp(Date(timeIntervalSince1970: 1_767_225_601.2339)) == "2026-01-01T00:00:01.234Z")
        #expect(TranscriptExporter.timestamp(Date(timeIntervalSince1970: 1_767_225_601.9996)) == "2026-01-01T00:00:02.000Z")
        #expect(TranscriptExporter.timestamp(Date(timeIntervalSince1970: -0.25)) == "1969-12-31T23:59:59.750Z")
    }
}
