import Foundation
import ParleyCore
import ParleyStore
import ParleyWorlds
import Testing

/// The real `parley serve` stopped (SIGTERM, a deploy) or killed (`kill -9`) while a chat page's
/// person is in a restorable world, then started again on the same store: the person resumes with
/// their session token and the world goes on, nothing they were acknowledged lost or taken twice.
@Suite(.timeLimit(.minutes(5)), .enabled(if: ParleyProcess.executable != nil))
struct RestartTests {
    /// A folder with the demo config and a store, removed afterwards.
    struct Setup {
        let directory: URL
        let config: URL
        var store: String { directory.appendingPathComponent("parley.sqlite").path }

        /// Stops `server` (it must exit cleanly) and reads what the person said in the echo task.
        func stop(_ server: ParleyProcess) async throws -> [MessageRecord] {
            server.terminate()
            #expect(await server.waitForExit() == 0)
            let store = try SQLiteStore(path: self.store)
            defer { try? store.close() }
            return try await store.messages(since: nil).filter { $0.task == "echo" && $0.people.contains($0.speaker) }
        }

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-restart-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            config = directory.appendingPathComponent("demo.yml")
            try WorldsServer.demoConfig().write(to: config, atomically: true, encoding: .utf8)
        }
    }

    /// An `ack` client at the echo task, having said "one" and had it back; its session token.
    static func echo(port: Int) async throws -> (WebSocketTestClient, JSONValue) {
        let client = try await WebSocketTestClient.connect(port: port)
        await client.say("hello", ["session": nil, "features": ["ack"], "seq": 1])
        let opening = try await client.frames(messages: 1, acks: 1)
        let session = try #require(opening.messages.first?["session"])
        await client.say("echo", ["seq": 2])
        await client.say("one", ["seq": 3])
        let echo = try await client.frames(messages: 3, acks: 2)
        #expect(echo.messages.map { $0["text"] } == ["Transferring to echo", .string(DemoText.echoWelcome), "one"])
        #expect(echo.acks == [2, 3])
        await client.send(.text(#"{"ack": 4}"#))
        return (client, session)
    }

    @Test("SIGTERM: the person is told, and after the start they resume in the same echo world")
    func restartedWithSIGTERM() async throws {
        let setup = try Setup()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let (first, port) = try await ReplyAPICrashTests.serve(store: setup.store, config: setup.config)
        let (client, session) = try await Self.echo(port: port)
        first.terminate()
        let ended = try await client.closed()
        #expect(ended.frames.contains { $0.contains(RuntimeText.restarting) })
        #expect(ended.close?.closeCode == .goingAway)
        #expect(await first.waitForExit() == 0)

        let (second, port2) = try await ReplyAPICrashTests.serve(store: setup.store, config: setup.config)
        let back = try await WebSocketTestClient.connect(port: port2)
        await back.send(.text(JSONValue.object(["session": session, "features": ["ack"]]).jsonText()))
        // The numbering goes on after the notice it saw; its three messages were all taken.
        #expect(try await back.next() == ["renumbered": 5])
        #expect(try await back.next() == ["ack": 3])
        await back.say("two", ["seq": 4])
        let two = try await back.frames(messages: 1, acks: 1)
        #expect(two.messages == [["text": "two", "quick_replies": nil, "session": session, "seq": 6]])
        #expect(two.acks == [4])
        await back.close()
        let said = try await setup.stop(second)
        #expect(said.map(\.text) == ["one", "two"])
        #expect(Set(said.map(\.worldID)).count == 1, "one echo world across the restart")
    }

    @Test("kill -9: a message in flight is sent again by the client and taken once; the world goes on")
    func killedWithAMessageInFlight() async throws {
        let setup = try Setup()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let (first, port) = try await ReplyAPICrashTests.serve(store: setup.store, config: setup.config)
        let (client, session) = try await Self.echo(port: port)
        // Sent, and maybe taken, but the server dies before the client can know.
        await client.say("two", ["seq": 4])
        first.killAbruptly()
        #expect(await first.waitForExit() == 128 + SIGKILL)
        var page = PageView(seen: 4)
        while let frame = try? await client.next() { page.read(frame) }

        let (second, port2) = try await ReplyAPICrashTests.serve(store: setup.store, config: setup.config)
        let back = try await WebSocketTestClient.connect(port: port2)
        await back.send(.text(JSONValue.object(["session": session, "features": ["ack"]]).jsonText()))
        while page.acks.isEmpty { page.read(try await back.next()) }
        #expect(page.renumbered, "told where the numbering goes on")
        // As the page does: what was not acknowledged goes again.
        if page.acks.max()! < 4 { await back.say("two", ["seq": 4]) }
        while !page.acks.contains(4) || !page.shown.contains("two") { page.read(try await back.next()) }
        await back.say("three", ["seq": 5])
        while !page.shown.contains("three") { page.read(try await back.next()) }
        #expect(page.shown == ["two", "three"], "each echo shown once")
        await back.close()
        let said = try await setup.stop(second)
        #expect(said.map(\.text) == ["one", "two", "three"], "each once in the transcript")
    }

    /// What the chat page shows of the frames it reads: messages numbered after what it saw.
    struct PageView {
        var seen: Int
        var shown: [String] = []
        var acks: [Int] = []
        var renumbered = false

        mutating func read(_ frame: JSONValue) {
            if let ack = frame["ack"]?.numberValue {
                acks.append(Int(ack))
            } else if let base = frame["renumbered"]?.numberValue {
                seen = min(seen, Int(base))
                renumbered = true
            } else if let number = frame["seq"]?.numberValue.map({ Int($0) }), number > seen, let text = frame["text"]?.stringValue {
                seen = number
                shown.append(text)
            }
        }
    }
}
