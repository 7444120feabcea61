import Foundation
import Hummingbird
import Logging
import ParleyCore
import ServiceLifecycle
import Synchronization

/// A fake Telegram Bot API or Slack Web API on 127.0.0.1: answers every call, and tells when each
/// text the service sends arrives.
final class FakePlatform: Sendable {
    let baseURL: String
    private let arrivals: AsyncStream<(String, ContinuousClock.Instant)>
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    private init(baseURL: String, arrivals: AsyncStream<(String, ContinuousClock.Instant)>, group: ServiceGroup, running: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.arrivals = arrivals
        self.group = group
        self.running = running
    }

    /// Starts the fake of `platform`.
    static func start(_ platform: Platform) async throws -> FakePlatform {
        let (arrivals, arrival) = AsyncStream.makeStream(of: (String, ContinuousClock.Instant).self)
        let router = Router()
        router.post("/**") { request, context -> Response in
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let json = (try? JSONValue.parse(Data(body.readableBytesView))) ?? .null
            let method = String(request.uri.path.split(separator: "/").last ?? "")
            if ProcessInfo.processInfo.environment["BENCH_LOG"] != nil { say("fake: \(method) \(json["text"]?.stringValue ?? "")") }
            if let text = json["text"]?.stringValue, ["sendMessage", "chat.postMessage"].contains(method) {
                arrival.yield((text, .now))
            }
            let answer: JSONValue =
                switch (platform, method) {
                case (.telegram, "getMe"): ["ok": true, "result": ["id": 1, "is_bot": true, "first_name": "Parley", "username": "parley_bench_bot"]]
                case (.telegram, _): ["ok": true, "result": ["message_id": 1, "date": 0, "chat": ["id": 1, "type": "private"]]]
                case (.slack, "auth.test"): ["ok": true, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1"]
                case (.slack, _): ["ok": true, "channel": "D1", "ts": "1.000001"]
                }
            return Response(
                status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: answer.jsonText())))
        }
        var logger = Logger(label: "bench.fake")
        logger.logLevel = .error
        let (ports, portInput) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { portInput.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let group = ServiceGroup(services: [app], logger: logger)
        let running = Task { try await group.run() }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        return FakePlatform(baseURL: "http://127.0.0.1:\(port)", arrivals: arrivals, group: group, running: running)
    }

    /// Texts as they arrive, with when.
    var texts: AsyncStream<(String, ContinuousClock.Instant)> {
        arrivals
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await running.value
    }
}
