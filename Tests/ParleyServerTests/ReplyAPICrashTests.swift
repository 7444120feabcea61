import Foundation
import HTTPTypes
import HummingbirdTesting
import Synchronization
import Testing

/// The real `parley serve` killed with SIGKILL under stateful load, then restarted on the same store.
@Suite(.timeLimit(.minutes(5)), .enabled(if: ParleyProcess.executable != nil))
struct ReplyAPICrashTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Starts `parley serve` on `store` and answers the process and its port once it is ready.
    static func serve(store: String, config: URL) async throws -> (ParleyProcess, Int) {
        let process = try ParleyProcess([
            "serve", "--config", config.path, "--port", "0", "--store", store,
            "--minds-dir", repositoryRoot.appendingPathComponent("minds").path, "--rate-limit", "0",
        ])
        let lines = try await process.lines { $0 == "ready" }
        let banner = try #require(lines.first { $0.hasPrefix("Reply API at http://127.0.0.1:") })
        let port = try #require(Int(banner.dropFirst("Reply API at http://127.0.0.1:".count).prefix { $0.isNumber }))
        return (process, port)
    }

    /// The inputs of every exchange acknowledged with 200, per user.
    final class Acknowledged: Sendable {
        private let inputs = Mutex<[String: [String]]>([:])
        private let total = Mutex(0)
        let reached: AsyncStream<Void>
        private let continuation: AsyncStream<Void>.Continuation
        let threshold: Int

        init(threshold: Int) {
            self.threshold = threshold
            (reached, continuation) = AsyncStream.makeStream(of: Void.self)
        }

        func record(_ input: String, user: String) {
            inputs.withLock { $0[user, default: []].append(input) }
            if total.withLock({ $0 += 1; return $0 }) == threshold { continuation.yield() }
        }

        func finish() {
            continuation.finish()
        }

        var byUser: [String: [String]] { inputs.withLock { $0 } }
    }

    @Test("kill -9 under concurrent stateful load loses no acknowledged exchange, and every user's state loads after a restart")
    func killedUnderLoad() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("demo.yml")
        try WorldsServer.demoConfig().write(to: config, atomically: true, encoding: .utf8)
        let store = directory.appendingPathComponent("parley.sqlite").path

        let (first, port) = try await Self.serve(store: store, config: config)
        let users = (0..<12).map { "crash-\($0)" }
        let acknowledged = Acknowledged(threshold: 300)
        await withTaskGroup(of: Void.self) { group in
            // Two connections per user, so the server also serialises each user's turns.
            for user in users {
                for connection in 0..<2 {
                    group.addTask {
                        // After the kill, a worker's connection fails and it ends; that is expected.
                        _ = try? await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                            for turn in 0... {
                                let input = "turn \(connection)-\(turn)"
                                let query = "/reply?userid=\(user)&input=" + (input.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                                guard let response = try? await client.execute(TestClient.Request(query, method: .get)) else {
                                    return  // the server died mid-request
                                }
                                guard response.status == .ok else {
                                    Issue.record("\(user) \(input): \(response.status)")
                                    return
                                }
                                acknowledged.record(input, user: user)
                            }
                        }
                    }
                }
            }
            for await _ in acknowledged.reached { break }
            first.killAbruptly()
            acknowledged.finish()
            await group.waitForAll()
        }
        #expect(await first.waitForExit() == 128 + SIGKILL)
        let byUser = acknowledged.byUser
        #expect(byUser.values.map(\.count).reduce(0, +) >= 300)

        let (second, secondPort) = try await Self.serve(store: store, config: config)
        try await TestClient.withClient(host: "127.0.0.1", port: secondPort) { client in
            for user in users {
                let page = try await client.execute(TestClient.Request("/users/\(user)/transcript?limit=1000", method: .get))
                #expect(page.status == .ok)
                let text = page.body.map { String(buffer: $0) } ?? ""
                let stored = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                let inputs = Set(((stored?["exchanges"] as? [[String: Any]]) ?? []).compactMap { $0["input"] as? String })
                let lost = Set(byUser[user] ?? []).subtracting(inputs)
                #expect(lost.isEmpty, "\(user) lost acknowledged exchanges: \(lost.sorted())")
                let next = try await client.execute(TestClient.Request("/reply?userid=\(user)&input=hello", method: .get))
                #expect(next.status == .ok, "\(user): the state did not load")
            }
        }
        second.interrupt()
        #expect(await second.waitForExit() == 0)
    }
}
