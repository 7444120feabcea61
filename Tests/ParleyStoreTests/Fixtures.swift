import Foundation
import ParleyCore
import ParleyStore

/// A moment `milliseconds` after 2026-01-01T00:00:00Z (stores keep microseconds).
func at(_ milliseconds: Int64) -> Date {
    Date(timeIntervalSince1970: 1_767_225_600 + Double(milliseconds) / 1000)
}

/// A fresh, empty directory for one test.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("parley-store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func message(
    _ text: String, world: String = "w1", people: [String] = ["alice"], speaker: String = "alice",
    payload: JSONValue? = nil, at time: Date
) -> MessageRecord {
    MessageRecord(
        worldID: world, task: "echo", world: "EchoWorld", people: people, speaker: speaker,
        text: text, payload: payload, time: time)
}
