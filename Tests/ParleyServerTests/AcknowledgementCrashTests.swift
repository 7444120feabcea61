import Foundation
import ParleyCore
import ParleyStore
import Testing

/// The real `parley serve` killed with SIGKILL while `ack` chat clients have messages in flight:
/// every message a client got an acknowledgement for is in the transcript afterwards.
@Suite(.timeLimit(.minutes(10)), .enabled(if: ParleyProcess.executable != nil))
struct AcknowledgementCrashTests {
    /// Rounds of start, load and kill; `PARLEY_ACK_CRASH_ROUNDS` sets it (the bar is 20).
    static let rounds = ProcessInfo.processInfo.environment["PARLEY_ACK_CRASH_ROUNDS"].flatMap { Int($0) } ?? 3
    static let clients = 8
    /// Messages each client keeps sent but not yet acknowledged.
    static let window = 16

    @Test("kill -9 with acknowledged WebSocket messages in flight loses none of them")
    func killedWithMessagesInFlight() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-ack-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("demo.yml")
        try WorldsServer.demoConfig().write(to: config, atomically: true, encoding: .utf8)
        let storePath = directory.appendingPathComponent("parley.sqlite").path

        var checked = 0
        for round in 0..<Self.rounds {
            let (server, port) = try await ReplyAPICrashTests.serve(store: storePath, config: config)
            // A different point in the load each round.
            let acknowledged = ReplyAPICrashTests.Acknowledged(threshold: 200 + 97 * round)
            await withTaskGroup(of: Void.self) { group in
                for client in 0..<Self.clients {
                    group.addTask {
                        // After the kill the client's connection fails and it ends; that is expected.
                        try? await Self.chat(port: port, name: "r\(round) c\(client)", acknowledged: acknowledged)
                    }
                }
                for await _ in acknowledged.reached { break }
                server.killAbruptly()
                acknowledged.finish()
                await group.waitForAll()
            }
            #expect(await server.waitForExit() == 128 + SIGKILL)

            let store = try SQLiteStore(path: storePath)
            let said = Set(try await store.messages(since: nil).filter { $0.people.contains($0.speaker) }.map(\.text))
            try store.close()
            for (client, texts) in acknowledged.byUser {
                let lost = Set(texts).subtracting(said)
                #expect(lost.isEmpty, "round \(round), \(client): acknowledged but not stored: \(lost.sorted())")
                checked += texts.count
            }
        }
        print("kill -9 with ack clients: \(Self.rounds) rounds, \(checked) acknowledged messages checked against the store")
    }

    /// One `ack` client in the echo task: numbered messages, at most `window` unacknowledged, each
    /// noted in `acknowledged` once an `ack` covers it. Runs until the connection fails.
    static func chat(port: Int, name: String, acknowledged: ReplyAPICrashTests.Acknowledged) async throws {
        let client = try await WebSocketTestClient.connect(port: port)
        await client.say("hello", ["features": ["ack"], "seq": 1])
        _ = try await client.next(containing: DemoText.menu)
        await client.say("echo", ["seq": 2])
        _ = try await client.next(containing: DemoText.echoWelcome)
        var sent = 2
        var covered = 2
        var kept = 0
        while true {
            while sent - covered < window {
                sent += 1
                await client.say("\(name) m\(sent)", ["seq": .number(Double(sent)), "ack": .number(Double(kept))])
            }
            let frame = try await client.next()
            if let number = frame["ack"]?.numberValue.map({ Int($0) }), number > covered {
                for sequence in (covered + 1)...number {
                    acknowledged.record("\(name) m\(sequence)", user: name)
                }
                covered = number
            } else if let sequence = frame["seq"]?.numberValue {
                kept = max(kept, Int(sequence))
            }
        }
    }
}
