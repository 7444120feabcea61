import Foundation
import ParleyCore
import ParleyStore
import ParleyWorlds
import Testing

/// What a data-collection task keeps, end to end: two people chat on a real server, then the built
/// `parley` exports the chat for ParlAI (read back by ParlAI's own loader) and erases one of them.
@Suite(.timeLimit(.minutes(5)), .enabled(if: ParleyProcess.executable != nil))
struct CollectedDataTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Reads texts until `text` arrives.
    private func skip(_ client: WebSocketTestClient, through text: String) async throws {
        while try await client.nextText() != text {}
    }

    /// Runs `parley` with `arguments`; its exit status and everything it printed.
    private func parley(_ arguments: [String]) async throws -> (status: Int32, lines: [String]) {
        let process = try ParleyProcess(arguments, readingErrors: true)
        var lines: [String] = []
        while let line = await process.nextLine() { lines.append(line) }
        return (await process.waitForExit(), lines)
    }

    @Test func aChatOfTwoExportsForParlAIAndErasingOneKeepsTheOthersMessages() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-collected-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let worlds = try await WorldsServer.start(in: directory)
        let ann = try await WebSocketTestClient.connect(port: worlds.port)
        let bob = try await WebSocketTestClient.connect(port: worlds.port)
        try await ann.enterChat(as: "Ann")
        try await bob.enterChat(as: "Bob")
        await ann.say("hello bob")
        #expect(try await bob.nextChatText() == "hello bob")
        await bob.say("hi ann, nice to meet you")
        #expect(try await ann.nextChatText() == "hi ann, nice to meet you")
        await bob.say("[DONE]")
        try await skip(ann, through: DemoText.menu)
        try await skip(bob, through: DemoText.menu)
        await ann.close()
        await bob.close()
        try await worlds.stop()
        let store = directory.appendingPathComponent("parley.sqlite").path

        // ParlAI's own loader reads the export, with the speakers under the names they chose.
        let exported = directory.appendingPathComponent("chat.jsonl").path
        let export = try await parley(["transcripts", "export", "--store", store, "--format", "parlai", "-o", exported, "--task", "chat"])
        #expect(export.status == 0)
        #expect(export.lines == ["Exported 1 conversation to \(exported) and \(directory.appendingPathComponent("chat.metadata").path)"])
        let reader = try ParleyProcess(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            arguments: ["python3", Self.root.appendingPathComponent("scripts/parlai-read").path, exported], readingErrors: true)
        var read: [String] = []
        while let line = await reader.nextLine() { read.append(line) }
        #expect(await reader.waitForExit() == 0, "scripts/parlai-read: \(read.joined(separator: "\n"))")
        let conversation = try JSONValue.parse(try #require(read.first))
        #expect(read.count == 1)
        #expect(conversation["turns"] == [["Ann", "hello bob"], ["Bob", "hi ann, nice to meet you"], ["Bob", "[DONE]"]])
        #expect(conversation["metadata"]?["speakers"] == ["Ann", "Bob"])

        // Erasing Ann keeps Bob's own messages; her id becomes the placeholder.
        let before = try await parley(["transcripts", "export", "--store", store, "--task", "chat"])
        let chat = try JSONValue.parse(try #require(before.lines.first))
        let annID = try #require(chat["people"]?.arrayValue?.first { $0["name"] == "Ann" }?["id"]?.stringValue)
        let unknown = try await parley(["transcripts", "erase", "nobody-here", "--store", store])
        #expect(unknown.status == 1)
        #expect(unknown.lines.first?.contains("Nothing is recorded about nobody-here. Nothing was erased.") == true)
        let typo = try await parley(["transcripts", "erase", String(annID.dropLast()), "--store", store])
        #expect(typo.status == 1)
        #expect(typo.lines.first?.contains("Close matches: \(annID)") == true)

        let erase = try await parley(["transcripts", "erase", annID, "--store", store])
        #expect(erase.status == 0)
        #expect(erase.lines.first?.hasPrefix("Erased \(annID): ") == true)
        let after = try await parley(["transcripts", "export", "--store", store, "--task", "chat"])
        let kept = try JSONValue.parse(try #require(after.lines.first))
        let texts = kept["messages"]?.arrayValue?.compactMap { $0["text"]?.stringValue } ?? []
        #expect(texts.contains("hi ann, nice to meet you") && !texts.contains("hello bob"))
        #expect(kept["people"]?.arrayValue?.compactMap { $0["id"]?.stringValue }.contains(EraseReport.placeholder) == true)
        #expect(!after.lines.joined().contains(annID))
    }
}
