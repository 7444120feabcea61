import Foundation
import ParleyCore
import Testing

/// The built `parley` executable: `chat` against a real server, `serve` with SIGINT, `transcripts export` and `erase`.
@Suite(.timeLimit(.minutes(1)), .enabled(if: ParleyProcess.executable != nil))
struct CommandLineTests {
    @Test func chatPrintsLikeParlAIsTerminalClientAndFinishesWithDone() async throws {
        let worlds = try await WorldsServer.start()
        let chat = try ParleyProcess(["chat", "--host", "127.0.0.1", "--port", "\(worlds.port)"])
        chat.type("hi")
        #expect(try await chat.lines { $0.hasPrefix("Options:") } == [
            "Bot: \(DemoText.menu)",
            "Options: [echo|onboard data|chat|EXIT]",
        ])
        chat.type("echo")
        #expect(await chat.nextLine() == "Bot: Transferring to echo")
        #expect(await chat.nextLine() == "Bot: \(DemoText.echoWelcome)")
        chat.type("hello there")
        #expect(await chat.nextLine() == "Bot: hello there")
        chat.type("[DONE]")
        #expect(try await chat.lines { $0.hasPrefix("Options:") } == [
            "Bot: \(DemoText.menu)",
            "Options: [echo|onboard data|chat|EXIT]",
        ])
        // EXIT follows two seconds later; the farewell prints, then the client closes and exits.
        #expect(await chat.nextLine() == "Bot: See you later!")
        #expect(await chat.nextLine() == nil)
        #expect(await chat.waitForExit() == 0)
        try await worlds.stop()
    }

    @Test func serveAnnouncesItselfServesAndShutsDownOnSIGINTThenExportsAndErasesTranscripts() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("demo.yml")
        try WorldsServer.demoConfig().write(to: config, atomically: true, encoding: .utf8)
        let store = directory.appendingPathComponent("parley.sqlite").path
        let serve = try ParleyProcess(["serve", "--config", config.path, "--port", "0", "--store", store])
        let banner = try #require(await serve.nextLine())
        #expect(banner.hasPrefix("Parley serving \(config.path) (overworld_demo) at ws://127.0.0.1:"))
        #expect(banner.hasSuffix("/websocket, store \(store)"))
        let port = try #require(banner.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) })
        let replyAPI = try #require(await serve.nextLine())
        #expect(replyAPI.hasPrefix("Reply API at http://127.0.0.1:\(port)/reply, minds: "))
        #expect(await serve.nextLine() == "Chat page at http://127.0.0.1:\(port)/bot")
        #expect(await serve.nextLine() == "Worlds chat page at http://127.0.0.1:\(port)/")
        #expect(await serve.nextLine() == "ready")

        let client = try await WebSocketTestClient.connect(port: port)
        await client.say("hi")
        #expect(try await client.nextText() == DemoText.menu)
        await client.say("echo")
        await client.say("keep this")
        #expect(try await client.texts(3).last == "keep this")
        await client.say("[DONE]")
        #expect(try await client.nextText() == DemoText.menu)

        serve.interrupt()
        let (_, close) = try await client.closed()
        #expect(close?.closeCode == .normalClosure)
        #expect(await serve.waitForExit() == 0)

        let export = try ParleyProcess(["transcripts", "export", "--store", store])
        var records: [JSONValue] = []
        while let line = await export.nextLine() {
            records.append(try JSONValue.parse(line))
        }
        #expect(await export.waitForExit() == 0)
        let kept = records.filter { $0["text"] == "keep this" }
        #expect(kept.count == 2)
        #expect(kept.allSatisfy { $0["task"] == "echo" })

        let person = try #require(kept.compactMap { $0["speaker"]?.stringValue }.first { $0 != "World" })
        let erase = try ParleyProcess(["transcripts", "erase", person, "--store", store])
        #expect(await erase.waitForExit() == 0)
        let after = try ParleyProcess(["transcripts", "export", "--store", store])
        var remaining = 0
        while let line = await after.nextLine() {
            let record = try JSONValue.parse(line)
            #expect(record["speaker"]?.stringValue != person)
            #expect(record["people"]?.arrayContains(.string(person)) == false)
            remaining += 1
        }
        #expect(await after.waitForExit() == 0)
        #expect(remaining < records.count)
    }

    @Test func serveFailsClearlyWithoutAConfig() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let serve = try ParleyProcess(["serve", "--port", "0"], directory: directory)
        #expect(await serve.waitForExit() != 0)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("parley.sqlite").path))
    }
}

extension JSONValue {
    /// Whether this is an array holding `element`.
    fileprivate func arrayContains(_ element: JSONValue) -> Bool {
        if case .array(let elements) = self { return elements.contains(element) }
        return false
    }
}
