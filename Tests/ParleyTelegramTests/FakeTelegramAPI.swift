import Foundation
import Hummingbird
import ParleyCore
import ParleyTelegram
import ParleyTestSupport

/// A fake Telegram Bot API on 127.0.0.1 with an ephemeral port: records every call by method (and
/// what it answered), answers `getMe`, long-polls `getUpdates` over the updates a test pushes,
/// and fails or hangs calls on demand.
final class FakeTelegramAPI: Sendable {
    /// The bot the fake is.
    static let bot = TelegramBot(id: 4242, username: "ParleyTestBot")
    static let token = "4242:fake-token"

    /// One call as the fake received it.
    struct Call: Sendable {
        let method: String
        /// The token in the path (`/bot{token}/{method}`).
        let token: String
        let body: JSONValue
        /// The status the fake answered.
        let status: Int

        var chatID: Int? { body["chat_id"]?.intValue }
        /// The text of a message, or the caption of a photo or document.
        var text: String? { body["text"]?.stringValue ?? body["caption"]?.stringValue }
        /// The inline keyboard's buttons, row after row.
        var buttons: [JSONValue] { (body["reply_markup"]?["inline_keyboard"]?.arrayValue ?? []).flatMap { $0.arrayValue ?? [] } }
        var offset: Int? { body["offset"]?.intValue }

        /// What a wait for a call of `method` gives when the test is cancelled: status 0.
        static func cancelled(_ method: String) -> Call {
            Call(method: method, token: "", body: .null, status: 0)
        }
    }

    /// Hands out recorded calls per method in arrival order, waiting for the next one when none is
    /// left; keeps the planned failures, the hanging calls and the updates to poll.
    private actor State {
        var calls: [Call] = []
        var read: [String: Int] = [:]
        var waiters: [(id: UUID, method: String, continuation: CheckedContinuation<Call, Never>)] = []
        var failures: [String: [(status: Int, body: String)]] = [:]
        var hangingMethods: Set<String> = []
        var hung: [CheckedContinuation<Void, Never>] = []
        var updates: [JSONValue] = []
        var pollers: [UUID: CheckedContinuation<Void, Never>] = [:]
        var stopped = false
        var messageID = 1000

        func fail(_ method: String, _ answers: [(status: Int, body: String)]) {
            failures[method, default: []] += answers
        }

        func plannedAnswer(_ method: String) -> (status: Int, body: String)? {
            guard var planned = failures[method], !planned.isEmpty else { return nil }
            let answer = planned.removeFirst()
            failures[method] = planned
            return answer
        }

        func hang(_ method: String) {
            hangingMethods.insert(method)
        }

        /// Waits until ``stop()`` when `method` hangs.
        func hangIfAsked(_ method: String) async {
            guard hangingMethods.contains(method), !stopped else { return }
            await withCheckedContinuation { hung.append($0) }
        }

        func nextMessageID() -> Int {
            messageID += 1
            return messageID
        }

        func record(_ call: Call) {
            calls.append(call)
            if let index = waiters.firstIndex(where: { $0.method == call.method }) {
                read[call.method, default: 0] += 1
                waiters.remove(at: index).continuation.resume(returning: call)
            }
        }

        /// The next call of `method`; ``Call/cancelled`` when the waiting test is cancelled (its
        /// time limit passed).
        func next(_ method: String) async -> Call {
            let ofMethod = calls.filter { $0.method == method }
            let done = read[method, default: 0]
            if done < ofMethod.count {
                read[method] = done + 1
                return ofMethod[done]
            }
            if Task.isCancelled { return .cancelled(method) }
            let id = UUID()
            return await withTaskCancellationHandler {
                await withCheckedContinuation { waiters.append((id, method, $0)) }
            } onCancel: {
                Task { await self.cancelWaiter(id) }
            }
        }

        private func cancelWaiter(_ id: UUID) {
            guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
            let waiter = waiters.remove(at: index)
            waiter.continuation.resume(returning: .cancelled(waiter.method))
        }

        func all(_ method: String) -> [Call] {
            calls.filter { $0.method == method }
        }

        func push(_ update: JSONValue) {
            updates.append(update)
            for poller in pollers.values { poller.resume() }
            pollers = [:]
        }

        /// The updates from `offset` on, forgetting those before it (confirmed); waits up to
        /// `timeout` for one when there are none.
        func poll(offset: Int?, timeout: Duration) async -> [JSONValue] {
            if let offset { updates.removeAll { ($0["update_id"]?.intValue ?? 0) < offset } }
            if updates.isEmpty, !stopped {
                let id = UUID()
                await withCheckedContinuation { continuation in
                    pollers[id] = continuation
                    Task {
                        try? await Task.sleep(for: timeout)
                        self.wake(id)
                    }
                }
            }
            return updates
        }

        private func wake(_ id: UUID) {
            pollers.removeValue(forKey: id)?.resume()
        }

        /// Ends every hanging call and long poll.
        func stop() {
            stopped = true
            for poller in pollers.values { poller.resume() }
            pollers = [:]
            for call in hung { call.resume() }
            hung = []
        }
    }

    private let server: LocalHTTPServer
    private let state: State

    /// The Bot API base URL to configure Telegram with.
    var url: String { server.url("") }

    private init(server: LocalHTTPServer, state: State) {
        self.server = server
        self.state = state
    }

    static func start() async throws -> FakeTelegramAPI {
        let state = State()
        let router = Router()
        router.post("/:bot/:method") { request, context -> Response in
            let method = context.parameters.get("method") ?? ""
            let token = String((context.parameters.get("bot") ?? "").dropFirst("bot".count))
            let bytes = try await request.body.collect(upTo: context.maxUploadSize)
            let body = (try? JSONValue.parse(Data(bytes.readableBytesView))) ?? .null
            let planned = await state.plannedAnswer(method)
            await state.record(Call(method: method, token: token, body: body, status: planned?.status ?? 200))
            await state.hangIfAsked(method)
            let (status, answer) = if let planned { planned } else { (200, try await Self.answer(method, body: body, state: state)) }
            return Response(
                status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: answer)))
        }
        return FakeTelegramAPI(server: try await LocalHTTPServer.start(router), state: state)
    }

    /// A successful answer to `method`.
    private static func answer(_ method: String, body: JSONValue, state: State) async throws -> String {
        let result: JSONValue
        switch method {
        case "getMe":
            result = ["id": .number(Double(bot.id)), "is_bot": true, "first_name": "Parley Test", "username": .string(bot.username)]
        case "getUpdates":
            let seconds = body["timeout"]?.intValue ?? 0
            result = .array(await state.poll(offset: body["offset"]?.intValue, timeout: .seconds(seconds)))
        case "sendMessage", "sendPhoto", "sendDocument":
            result = ["message_id": .number(Double(await state.nextMessageID())), "chat": ["id": body["chat_id"] ?? .null], "date": 0]
        case "setWebhook":
            return #"{"ok":true,"result":true,"description":"Webhook was set"}"#
        case "deleteWebhook":
            return #"{"ok":true,"result":true,"description":"Webhook was deleted"}"#
        default:
            result = true
        }
        return (["ok": true, "result": result] as JSONValue).jsonText()
    }

    /// The next calls of `method` are answered with these statuses and bodies, in order.
    func fail(_ method: String, _ answers: [(status: Int, body: String)]) async {
        await state.fail(method, answers)
    }

    /// Calls of `method` get no answer until the fake stops.
    func hang(_ method: String) async {
        await state.hang(method)
    }

    /// Queues an update for `getUpdates`.
    func push(_ update: JSONValue) async {
        await state.push(update)
    }

    /// The next call of `method` received (waits for it).
    func next(_ method: String) async -> Call {
        await state.next(method)
    }

    /// The texts of the next `count` messages delivered (`sendMessage` answered 200); fewer when
    /// the test is cancelled first.
    func texts(_ count: Int) async -> [String?] {
        var texts: [String?] = []
        while texts.count < count {
            let call = await next("sendMessage")
            if call.status == 0 { break }
            if call.status == 200 { texts.append(call.text) }
        }
        return texts
    }

    /// Every call of `method` so far.
    func calls(_ method: String) async -> [Call] {
        await state.all(method)
    }

    /// A Bot API error answer, as Telegram words them.
    static func refusal(_ status: Int, _ description: String, retryAfter: Int? = nil) -> (status: Int, body: String) {
        var answer: [String: JSONValue] = ["ok": false, "error_code": .number(Double(status)), "description": .string(description)]
        if let retryAfter { answer["parameters"] = ["retry_after": .number(Double(retryAfter))] }
        return (status, JSONValue.object(answer).jsonText())
    }

    func stop() async throws {
        await state.stop()
        try await server.stop()
    }
}
