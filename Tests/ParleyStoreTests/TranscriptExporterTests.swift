import Foundation
import ParleyCore
import Testing

@testable import ParleyStore

@Suite("Transcript export as JSON Lines")
struct TranscriptExporterTests {
    @Test func writesOneObjectPerRecordWithStableKeys() async throws {
        let store = try SQLiteStore.temporary()
        try await store.append([
            message("hi \"there\"\nline two", world: "w/1", people: ["alice", "bob"], at: at(1_234)),
            message("", people: [], speaker: "World", payload: ["type": "image", "mime_type": "image/png"], at: at(2_000)),
        ])
        var output = Data()
        let count = try await TranscriptExporter(store: store).export { output.append($0) }
        #expect(count == 2)

        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty)
        #expect(lines[0] == #"{"world_id":"w/1","task":"echo","world":"EchoWorld","people":["alice","bob"],"speaker":"alice","text":"hi \"there\"\nline two","payload":null,"time":"2026-01-01T00:00:01.234Z"}"#)
        let second = try JSONValue.parse(String(lines[1]))
        #expect(second["payload"] == ["type": "image", "mime_type": "image/png"])
        #expect(second["people"] == [])
        #expect(second["time"] == "2026-01-01T00:00:02.000Z")
    }

    @Test func writesReplyAPIExchangesWithTheirRulesInPages() async throws {
        let store = try SQLiteStore.temporary()
        for index in 0..<5 {
            try await store.logExchange(
                mind: "pizza", userID: "u\(index)",
                Exchange(input: "in \(index)", output: "out", time: at(Int64(index) * 1000), rule: index == 2 ? nil : "main.\(index)"))
        }
        var output = Data()
        let count = try await TranscriptExporter(store: store, pageSize: 2).exportExchanges(of: store, since: at(1000)) {
            output.append($0)
        }
        #expect(count == 4)
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
        #expect(lines.first == #"{"mind":"pizza","user_id":"u1","input":"in 1","output":"out","rule":"main.1","time":"2026-01-01T00:00:01.000Z"}"#)
        #expect(try JSONValue.parse(String(lines[1]))["rule"] == .null)
    }

    @Test func streamsInPagesAndHonoursSince() async throws {
        let store = try SQLiteStore.temporary()
        try await store.append((0..<10).map { message("m\($0)", at: at(Int64($0) * 1000)) })
        var chunks: [Data] = []
        let count = try await TranscriptExporter(store: store, pageSize: 3).export(since: at(3000)) { chunks.append($0) }
        #expect(count == 7)
        #expect(chunks.count == 3)  // pages of 3, 3 and 1 records
        let texts = try chunks.flatMap { chunk in
            try String(decoding: chunk, as: UTF8.self).split(separator: "\n").map { try JSONValue.parse(String($0))["text"] }
        }
        #expect(texts == (3..<10).map { .string("m\($0)") })
    }

    @Test func writesToAFileHandle() async throws {
        let store = try SQLiteStore.temporary()
        try await store.append([message("one", at: at(1)), message("two", at: at(2))])
        let url = try temporaryDirectory().appendingPathComponent("export.jsonl")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try await TranscriptExporter(store: store).export(to: handle)
        try handle.close()
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(try JSONValue.parse(String(lines[1]))["text"] == "two")
    }

    @Test func writesWorldResultsSinceATime() async throws {
        let store = try SQLiteStore.temporary()
        let saved: [JSONValue] = [["answer": "no"], ["answers": ["q1": 7], "complete": true]]
        for (index, data) in saved.enumerated() {
            try await store.saveResult(WorldResult(
                worldID: "w\(index)", task: "survey", world: "SurveyTaskWorld", people: ["ann"], data: data,
                time: at(Int64(index) * 1000)))
        }
        var output = Data()
        let count = try await TranscriptExporter(store: store, pageSize: 1).exportResults(since: at(500)) { output.append($0) }
        #expect(count == 1)
        #expect(String(decoding: output, as: UTF8.self)
            == #"{"world_id":"w1","task":"survey","world":"SurveyTaskWorld","people":["ann"],"data":{"answers":{"q1":7},"complete":true},"time":"2026-01-01T00:00:01.000Z"}"# + "\n")
    }

    @Test func roundsTimesToMilliseconds() {
        #expect(TranscriptExporter.timestamp(Date(timeIntervalSince1970: 1_767_225_601.2339)) == "2026-01-01T00:00:01.234Z")
        #expect(TranscriptExporter.timestamp(Date(timeIntervalSince1970: 1_767_225_601.9996)) == "2026-01-01T00:00:02.000Z")
        #expect(TranscriptExporter.timestamp(Date(timeIntervalSince1970: -0.25)) == "1969-12-31T23:59:59.750Z")
    }
}
