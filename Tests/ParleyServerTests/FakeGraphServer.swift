import Foundation
import Hummingbird
import ParleyCore
import ParleyTestSupport

/// A fake Graph API on 127.0.0.1 with an ephemeral port: records every `POST /v19.0/me/messages` and `/v19.0/me/messenger_profile`
/// (and what it answered), and fails message requests on demand.
final class FakeGraphServer: Sendable {
    /// One request as the fake received it.
    struct Request: Sendable {
        /// `me/messages` or `me/messenger_profile`.
        let path: String
        let accessToken: String?
        let body: JSONValue
        /// The status the fake answered.
        let status: Int

        var recipient: String? { body["recipient"]?["id"]?.stringValue }
        var senderAction: String? { body["sender_action"]?.stringValue }
        var text: String? { body["message"]?["text"]?.stringValue }
        var quickReplies: [JSONValue]? {
            if case .array(let replies) = body["message"]?["quick_replies"] { replies } else { nil }
        }
    }

    /// Hands out recorded requests in arrival order, waiting for the next one when none is left.
    private actor Recorder {
        var received: [Request] = []
        var read = 0
        var waiters: [CheckedContinuation<Request, Never>] = []
        var failures: [(status: Int, body: String)] = []
        var isHanging = false
        var hung: [CheckedContinuation<Void, Never>] = []

        /// Holds every later request unanswered until `release()`.
        func hang() {
            isHanging = true
        }

        func release() {
            isHanging = false
            for request in hung { request.resume() }
            hung = []
        }

        func waitIfHanging() async {
            guard isHanging else { return }
            await withCheckedContinuation { hung.append($0) }
        }

        func fail(_ answers: [(status: Int, body: String)]) {
            failures += answers
        }

        /// The planned failure for a request, if one is left and it is not a sender action.
        func plannedAnswer(isSenderAction: Bool) -> (status: Int, body: String)? {
            failures.isEmpty || isSenderAction ? nil : failures.removeFirst()
        }

        func record(_ request: Request) {
            if waiters.isEmpty {
                received.append(request)
            } else {
                read += 1
                received.append(request)
                waiters.removeFirst().resume(returning: request)
            }
        }

        func next() async -> Request {
            if read < received.count {
                read += 1
                return received[read - 1]
            }
            return await withCheckedContinuation { waiters.append($0) }
        }
    }

    private let server: LocalHTTPServer
    private let recorder: Recorder

    var port: Int { server.port }

    /// The Graph base URL to configure Messenger with.
    var graphURL: String { server.url("/v19.0") }

    private init(server: LocalHTTPServer, recorder: Recorder) {
        self.server = server
        self.recorder = recorder
    }

    static func start() async throws -> FakeGraphServer {
        let recorder = Recorder()
        let router = Router()
        let handler: @Sendable (Hummingbird.Request, BasicRequestContext) async throws -> Response = { request, context in
            let bytes = try await request.body.collect(upTo: context.maxUploadSize)
            let body = (try? JSONValue.parse(Data(bytes.readableBytesView))) ?? .null
            let isSenderAction = body["sender_action"] != nil
            let planned = await recorder.plannedAnswer(isSenderAction: isSenderAction)
            let (status, answer) = planned ?? (200, #"{"recipient_id":"1","message_id":"m_sent"}"#)
            let path = String(request.uri.path.dropFirst("/v19.0/".count))
            await recorder.record(Request(path: path, accessToken: request.uri.queryParameters.get("access_token"), body: body, status: status))
            await recorder.waitIfHanging()
            return Response(
                status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: answer)))
        }
        router.post("/v19.0/me/messages", use: handler)
        router.post("/v19.0/me/messenger_profile", use: handler)
        return FakeGraphServer(server: try await LocalHTTPServer.start(router), recorder: recorder)
    }

    /// The next message requests (sender actions are not counted) are answered with these
    /// statuses and bodies, in order.
    func fail(_ answers: [(status: Int, body: String)]) async {
        await recorder.fail(answers)
    }

    /// Leaves every later request unanswered (as an unreachable Graph API would) until `release()`.
    func hang() async {
        await recorder.hang()
    }

    /// Answers the held requests, and later ones at once.
    func release() async {
        await recorder.release()
    }

    /// The next request received (waits for it).
    func next() async -> Request {
        await recorder.next()
    }

    /// The next request that is not a sender action (`mark_seen`, `typing_on`, ...).
    func nextMessage() async -> Request {
        while true {
            let request = await next()
            if request.senderAction == nil { return request }
        }
    }

    /// The texts of the next `count` messages.
    func texts(_ count: Int) async -> [String?] {
        var texts: [String?] = []
        for _ in 0..<count { texts.append(await nextMessage().text) }
        return texts
    }

    func stop() async throws {
        try await server.stop()
    }
}
