import Foundation
import Hummingbird
import Logging
import ParleyCore
import ServiceLifecycle

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

    let port: Int
    private let recorder: Recorder
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// The Graph base URL to configure Messenger with.
    var graphURL: String { "http://127.0.0.1:\(port)/v19.0" }

    private init(port: Int, recorder: Recorder, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.recorder = recorder
        self.group = group
        self.task = task
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
            return Response(
                status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: answer)))
        }
        router.post("/v19.0/me/messages", use: handler)
        router.post("/v19.0/me/messenger_profile", use: handler)
        var logger = Logger(label: "test.graph")
        logger.logLevel = .error
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(services: [app], logger: logger)
        let task = Task {
            defer { portContinuation.finish() }
            try await group.run()
        }
        for await port in ports where port > 0 {
            return FakeGraphServer(port: port, recorder: recorder, group: group, task: task)
        }
        try await task.value
        throw WebSocketTestClient.Failure(description: "the fake Graph server stopped before it was running")
    }

    /// The next message requests (sender actions are not counted) are answered with these
    /// statuses and bodies, in order.
    func fail(_ answers: [(status: Int, body: String)]) async {
        await recorder.fail(answers)
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
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
