import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ParleyCore
import Testing

/// The built `parley` executable: `chat` against a real server, `serve` with SIGINT, `transcripts export` and `erase`.
@Suite(.timeLimit(.minutes(5)), .enabled(if: ParleyProcess.executable != nil))
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
        // EXIT follows two seconds later; the farewell prints, then the client closes and exits
        // at once: it used to wait out its 15-second bound for a close the server never sends.
        #expect(await chat.nextLine() == "Bot: See you later!")
        let exit = await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                _ = await chat.nextLine()
                return await chat.waitForExit()
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(14))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        #expect(exit == 0, "parley chat was still running 14 s after the farewell")
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
        let minds = try await serve.lines { $0.hasPrefix("Chat page") }
        #expect(minds.first == "Reply API at http://127.0.0.1:\(port)/reply, default mind demo")
        #expect(minds.count == 4)
        #expect(minds[1].hasPrefix("  mind demo (also acme-support): /") && minds[1].hasSuffix("/minds/demo.yaml"))
        #expect(minds[2].hasPrefix("  mind seed-demo: /") && minds[2].hasSuffix("/minds/seed-demo.yaml"))
        #expect(minds.last == "Chat page at http://127.0.0.1:\(port)/bot")
        #expect(await serve.nextLine() == "Studio at http://127.0.0.1:\(port)/studio (no admin key: open on this machine)")
        #expect(await serve.nextLine() == "Worlds chat page at http://127.0.0.1:\(port)/")
        #expect(await serve.nextLine() == "Review app at http://127.0.0.1:\(port)/admin (no admin key: open on this machine)")
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
        #expect(close?.closeCode == .goingAway)
        #expect(await serve.waitForExit() == 0)

        let export = try ParleyProcess(["transcripts", "export", "--store", store])
        var conversations: [JSONValue] = []
        while let line = await export.nextLine() {
            conversations.append(try JSONValue.parse(line))
        }
        #expect(await export.waitForExit() == 0)
        let echo = try #require(conversations.first { $0["task"] == "echo" })
        #expect(echo["ending"] == "completed" && echo["services"] == ["websocket"])
        let kept = echo["messages"]?.arrayValue?.filter { $0["text"] == "keep this" } ?? []
        #expect(kept.count == 2)

        let person = try #require(echo["people"]?.arrayValue?.first?["id"]?.stringValue)
        let erase = try ParleyProcess(["transcripts", "erase", person, "--store", store])
        #expect(await erase.waitForExit() == 0)
        let after = try ParleyProcess(["transcripts", "export", "--store", store, "--all-worlds"])
        var remaining = 0
        while let line = await after.nextLine() {
            #expect(!line.contains(person))
            remaining += 1
        }
        #expect(await after.waitForExit() == 0)
        #expect(remaining == 0)  // the person was alone in every world (with the echo bot)
    }

    @Test func aCopiedBinaryServesTheBuiltInDemoInAnEmptyFolder() async throws {
        let directory = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = directory.appendingPathComponent("parley")
        try FileManager.default.copyItem(at: try #require(ParleyProcess.executable), to: binary)
        let serve = try ParleyProcess(executable: binary, arguments: ["serve", "--port", "0"], directory: directory)
        let banner = try #require(await serve.nextLine())
        #expect(banner.hasPrefix("Parley serving the built-in demo config (parley_demo) at ws://127.0.0.1:"))
        let port = try #require(banner.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) })
        #expect(try await serve.lines { $0 == "ready" } == [
            "Reply API at http://127.0.0.1:\(port)/reply, default mind demo",
            "  mind demo (also acme-support): built into Parley",
            "Chat page at http://127.0.0.1:\(port)/bot",
            "Studio at http://127.0.0.1:\(port)/studio (no admin key: open on this machine)",
            "Worlds chat page at http://127.0.0.1:\(port)/",
            "Review app at http://127.0.0.1:\(port)/admin (no admin key: open on this machine)",
            "ready",
        ])
        let client = try await WebSocketTestClient.connect(port: port)
        await client.say("hi")
        #expect(try await client.nextText() == "Welcome to Parley! Choose one of the demos from the listed quick replies.")
        await client.say("chatbot")
        #expect(try await client.texts(2).first == "Transferring to chatbot")
        await client.close()
        for page in ["/", "/chat.js", "/bot", "/bot/bot.js"] {
            let (_, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(page)")!)
            #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(page)")
        }
        serve.interrupt()
        #expect(await serve.waitForExit() == 0)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("parley.sqlite").path))
    }

    @Test func serveOnATakenPortSaysSoAndExitsWithStatusOne() async throws {
        let worlds = try await WorldsServer.start()
        let directory = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let serve = try ParleyProcess(["serve", "--port", "\(worlds.port)"], directory: directory, readingErrors: true)
        var output: [String] = []
        while let line = await serve.nextLine() { output.append(line) }
        #expect(output.contains("Error: address already in use: 127.0.0.1:\(worlds.port)"), "\(output)")
        #expect(await serve.waitForExit() == 1)
        // Nothing was created before it failed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        try await worlds.stop()
    }

    @Test func replyOnlyServesMindsWithoutWorlds() async throws {
        let directory = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let serve = try ParleyProcess(["serve", "--reply-only", "--port", "0"], directory: directory)
        let banner = try #require(await serve.nextLine())
        #expect(banner == "Parley serving the reply API only, store ./parley.sqlite")
        let lines = try await serve.lines { $0 == "ready" }
        let port = try #require(lines.first?.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) })
        #expect(lines == [
            "Reply API at http://127.0.0.1:\(port)/reply, default mind demo",
            "  mind demo (also acme-support): built into Parley",
            "Chat page at http://127.0.0.1:\(port)/bot",
            "Studio at http://127.0.0.1:\(port)/studio (no admin key: open on this machine)",
            "ready",
        ])
        // The /bot page's style sheet and the manual are served without worlds too.
        for (page, status) in [
            ("/reply?input=hello", 200), ("/bot", 200), ("/parley.css", 200), ("/docs", 200), ("/", 404), ("/websocket", 404),
        ] {
            let (_, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(page)")!)
            #expect((response as? HTTPURLResponse)?.statusCode == status, "\(page)")
        }
        serve.interrupt()
        #expect(await serve.waitForExit() == 0)
    }

    @Test func replyOnlyRefusesMessengerItCouldNotServe() async throws {
        let directory = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let serve = try ParleyProcess(["serve", "--reply-only", "--messenger", "--port", "0"], directory: directory, readingErrors: true)
        var output: [String] = []
        while let line = await serve.nextLine() { output.append(line) }
        #expect(output.contains { $0.contains("--reply-only serves no worlds, so no chat services: leave out --messenger") }, "\(output)")
        #expect(await serve.waitForExit() == 64)
    }

    @Test func serveFailsClearlyWithAMissingConfig() async throws {
        let directory = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let serve = try ParleyProcess(["serve", "--port", "0", "--config", "nope.yml"], directory: directory, readingErrors: true)
        var output: [String] = []
        while let line = await serve.nextLine() { output.append(line) }
        #expect(output.contains { $0.contains("No task config at nope.yml.") }, "\(output)")
        // Not a flag's mistake: no usage of the root command, and status 1.
        #expect(!output.contains { $0.contains("Usage:") || $0.contains("USAGE:") }, "\(output)")
        #expect(await serve.waitForExit() == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("parley.sqlite").path))
    }

    static func emptyFolder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

extension JSONValue {
    /// Whether this is an array holding `element`.
    fileprivate func arrayContains(_ element: JSONValue) -> Bool {
        if case .array(let elements) = self { return elements.contains(element) }
        return false
    }
}
