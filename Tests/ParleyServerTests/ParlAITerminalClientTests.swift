import Foundation
import ParleyCore
import ParleyWorlds
import Testing

/// ParlAI's own terminal chat client (parlai/chat_service/services/terminal_chat/client.py, run by
/// `scripts/parlai-read --terminal-chat`) in the chat with a partner on Parley's rich protocol, who
/// types, talks and closes their tab: the client sees only ParlAI's frames (it reads `text` from
/// every frame, so a status or typing frame would break it).
@Suite(.timeLimit(.minutes(3)))
struct ParlAITerminalClientTests {
    @Test func theTerminalClientSeesOnlyParlAIsFramesBesideARichPartner() async throws {
        let server = try await WorldsServer.start(
            options: RuntimeOptions(shutdownGrace: .milliseconds(300), leaveGrace: .milliseconds(200)))
        let client = try ParleyProcess(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            arguments: ["python3", "-u", CollectedDataTests.root.appendingPathComponent("scripts/parlai-read").path,
                        "--terminal-chat", "--port", "\(server.port)", "--host", "127.0.0.1"],
            readingErrors: true)
        var printed: [String] = []
        /// Reads what the client prints until a line says `Bot: text`.
        func waitFor(_ text: String) async throws {
            while let line = await client.nextLine() {
                printed.append(line)
                if line.contains("Bot: " + text.trimmingCharacters(in: .whitespaces)) { return }
            }
            Issue.record("the client ended before showing \(text): \(printed.joined(separator: "\n"))")
            throw CancellationError()
        }
        client.type("hi")
        try await waitFor(DemoText.menu)
        client.type("chat")
        try await waitFor(DemoText.chatName)
        client.type("Tom")
        try await waitFor(DemoText.chatMatch)

        let ann = try await WebSocketTestClient.connect(port: server.port)
        await ann.say("hi", ["session": nil, "features": ["rich", "typing", "ack"], "seq": 1])
        _ = try await ann.next(containing: "Welcome to the overworld")
        await ann.say("chat", ["seq": 2])
        _ = try await ann.next(containing: DemoText.chatName)
        await ann.say("Ann", ["seq": 3])
        while try await ann.next()["status"] != "paired" {}
        await ann.send(.text(#"{"typing": true}"#))
        await ann.say("hello Tom", ["seq": 4])
        try await waitFor("hello Tom")
        await ann.send(.text(#"{"leave": true}"#))
        await ann.close()
        try await waitFor(RuntimeText.partnerLeft)
        try await waitFor(DemoText.menu)
        client.terminate()
        _ = await client.waitForExit()
        while let line = await client.nextLine() { printed.append(line) }

        let shown = printed.compactMap { line in
            line.range(of: "Bot: ").map { String(line[$0.upperBound...]).trimmingCharacters(in: .whitespaces) }
        }
        let menu = DemoText.menu.trimmingCharacters(in: .whitespaces)
        #expect(shown == [menu, "Transferring to chat", DemoText.chatName, DemoText.chatMatch, "hello Tom", RuntimeText.partnerLeft, menu])
        // Nothing else: a frame without `text` would have the client print the KeyError ('text').
        let other = printed.map { $0.replacing(/\u{1B}\[[0-9;]*m/, with: "").replacing(" Me: ", with: "").trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("Bot: ") && !$0.hasPrefix("Options: [") && !$0.hasPrefix("Connecting to port:") }
        #expect(other == [], "\(printed.joined(separator: "\n"))")
        try await server.stop()
    }
}
