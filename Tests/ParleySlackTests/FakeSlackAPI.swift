import Foundation
import HTTPTypes
import Hummingbird
import ParleyCore
import ParleyTestSupport

/// A fake Slack Web API on 127.0.0.1 with an ephemeral port: answers `auth.test`,
/// `chat.postMessage` and `chat.update` as Slack does, records every call by method, and fails or
/// hangs on demand.
final class FakeSlackAPI: Sendable {
    static let botUserID = "UBOT"

    /// One call as the fake received it.
    struct Call: Sendable {
        let method: String
        let authorization: String?
        let body: JSONValue
        /// The status the fake answered (or answers once released, for a hanging call).
        let status: Int
        /// The `ts` the fake answered a successful `chat.postMessage` with: the message's id.
        let ts: String?
        let receivedAt: ContinuousClock.Instant

        var channel: String? { body["channel"]?.stringValue }
        var text: String? { body["text"]?.stringValue }
        var threadTS: String? { body["thread_ts"]?.stringValue }
        var blocks: [JSONValue] { body["blocks"]?.arrayValue ?? [] }
        /// The buttons of the message's actions block.
        var buttons: [JSONValue] { blocks.first { $0["type"] == "actions" }?["elements"]?.arrayValue ?? [] }
    }

    /// A planned answer: a status, headers and a body.
    struct Answer: Sendable {
        let status: Int
        var headers: [String: String] = [:]
        var body = #"{"ok":true}"#
    }

    /// Hands out recorded calls of each method in arrival order, waiting for the next one when
    /// none is left; plans failures and hangs.
    private actor Recorder {
        var calls: [String: [Call]] = [:]
        var read: [String: Int] = [:]
        var waiters: [String: [CheckedContinuation<Call, Never>]] = [:]
        var planned: [String: [Answer]] = [:]
        var hanging: Set<String> = []
        var hung: [CheckedContinuation<Void, Never>] = []
        var sent = 0

        func plan(_ answers: [Answer], for method: String) {
            planned[method, default: []] += answers
        }

        func answer(for method: String) -> Answer? {
            guard var answers = planned[method], !answers.isEmpty else { return nil }
            let answer = answers.removeFirst()
            planned[method] = answers
            return answer
        }

        func nextTS() -> String {
            sent += 1
            return String(format: "1700000000.%06d", sent)
        }

        func record(_ call: Call) {
            calls[call.method, default: []].append(call)
            if var queue = waiters[call.method], !queue.isEmpty {
                read[call.method, default: 0] += 1
                let waiter = queue.removeFirst()
                waiters[call.method] = queue
                waiter.resume(returning: call)
            }
        }

        func next(_ method: String) async -> Call {
            let index = read[method, default: 0]
            if let calls = calls[method], index < calls.count {
                read[method] = index + 1
                return calls[index]
            }
            return await withCheckedContinuation { waiters[method, default: []].append($0) }
        }

        func all(_ method: String) -> [Call] {
            calls[method] ?? []
        }

        func hang(_ method: String) {
            hanging.insert(method)
        }

        /// Waits until released when `method` hangs.
        func holdIfHanging(_ method: String) async {
            guard hanging.contains(method) else { return }
            await withCheckedContinuation { hung.append($0) }
        }

        func release() {
            hanging = []
            for waiter in hung { waiter.resume() }
            hung = []
        }
    }

    private let server: LocalHTTPServer
    private let recorder: Recorder

    /// The Web API base URL to configure Slack with.
    var apiURL: String { server.url("/api") }

    private init(server: LocalHTTPServer, recorder: Recorder) {
        self.server = server
        self.recorder = recorder
    }

    static func start() async throws -> FakeSlackAPI {
        let recorder = Recorder()
        let router = Router()
        router.post("/api/{method}") { request, context -> Response in
            let method = try context.parameters.require("method")
            let bytes = try await request.body.collect(upTo: context.maxUploadSize)
            let body = (try? JSONValue.parse(Data(bytes.readableBytesView))) ?? .null
            let authorization = request.headers[.authorization]
            let receivedAt = ContinuousClock.now
            if let planned = await recorder.answer(for: method) {
                await recorder.record(
                    Call(method: method, authorization: authorization, body: body, status: planned.status, ts: nil, receivedAt: receivedAt))
                var headers: HTTPFields = [.contentType: "application/json"]
                for (name, value) in planned.headers { headers[HTTPField.Name(name)!] = value }
                let answer = ResponseBody(byteBuffer: ByteBuffer(string: planned.body))
                return Response(status: HTTPResponse.Status(code: planned.status), headers: headers, body: answer)
            }
            let answer: JSONValue =
                switch method {
                case "auth.test": ["ok": true, "user_id": .string(botUserID), "user": "parley", "team": "Test", "bot_id": "BBOT"]
                case "chat.postMessage": ["ok": true, "channel": body["channel"] ?? .null, "ts": .string(await recorder.nextTS())]
                case "chat.update": ["ok": true, "channel": body["channel"] ?? .null, "ts": body["ts"] ?? .null]
                default: ["ok": false, "error": "unknown_method"]
                }
            let ts = answer["ts"]?.stringValue
            await recorder.record(Call(method: method, authorization: authorization, body: body, status: 200, ts: ts, receivedAt: receivedAt))
            await recorder.holdIfHanging(method)
            return Response(
                status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: answer.jsonText())))
        }
        return FakeSlackAPI(server: try await LocalHTTPServer.start(router), recorder: recorder)
    }

    /// The next calls of `method` are answered with these, in order.
    func fail(_ method: String, with answers: [Answer]) async {
        await recorder.plan(answers, for: method)
    }

    /// Calls of `method` are recorded and then left unanswered until ``stop()``.
    func hang(_ method: String) async {
        await recorder.hang(method)
    }

    /// The next call of `method` not read yet (waits for it).
    func next(_ method: String) async -> Call {
        await recorder.next(method)
    }

    /// The next `chat.postMessage`.
    func nextPost() async -> Call {
        await next("chat.postMessage")
    }

    /// The texts of the next `count` posts.
    func texts(_ count: Int) async -> [String?] {
        var texts: [String?] = []
        for _ in 0..<count { texts.append(await nextPost().text) }
        return texts
    }

    /// The next posts, up to and with the first whose text is `text`.
    func posts(through text: String) async -> [Call] {
        var posts: [Call] = []
        repeat { posts.append(await nextPost()) } while posts.last?.text != text
        return posts
    }

    /// Every call of `method` received so far.
    func calls(_ method: String) async -> [Call] {
        await recorder.all(method)
    }

    /// Answers the hanging calls, then stops the server.
    func stop() async throws {
        await recorder.release()
        try await server.stop()
    }
}
