import Foundation
import Hummingbird
import Logging
import ParleyCore
import ParleyServer
import ParleyStore
import ParleyTestSupport
import ParleyTesting
import ParleyWorlds
import Synchronization
import Testing

/// The `reply_api` and `openai` model kinds against real HTTP servers on 127.0.0.1.
@Suite("Remote bots in worlds", .timeLimit(.minutes(5)))
struct RemoteBotTests {
    @Test("reply_api: a second Parley server's mind answers, the data travelling with each turn")
    func replyAPIBot() async throws {
        let folder = try BotFixtures.folder(["talker.yaml": MindBotTests.talker])
        let logger = Logger(label: "test.reply-api")
        let minds = try MindLibrary(named: [("talker", folder.appendingPathComponent("talker.yaml").path)], mindsDirectory: nil, logger: logger)
        let router = Router()
        ReplyAPI(minds: minds, store: try SQLiteStore.temporary(), logger: logger).addRoutes(to: router)
        let server = try await LocalHTTPServer.start(router)
        let harness = try BotFixtures.chatbot(
            model: "      model: reply_api\n      url: \(server.url("/reply"))\n      mind: talker", in: folder)
        let ann = await harness.person()
        await ann.begin()
        await ann.expect("Hello there.")
        await ann.say("call me Ann")
        await ann.expect("Hi Ann.")
        await ann.say("who am i")
        await ann.expect("You are Ann.")
        await harness.stop()
        try await server.stop()
    }

    @Test("reply_api: an unreachable server gets the unavailable notice at once, not after its timeout, and the world goes on")
    func unreachableReplyAPI() async throws {
        // Nothing listens there, and no server of a test running beside can take the port.
        let closed = try ClosedPort()
        let url = "http://127.0.0.1:\(closed.port)/reply"
        // A timeout far beyond the person's patience (30 s): a refused connection must fail its
        // attempt at once (the HTTP client's pool used to retry connecting until the timeout).
        let harness = try BotFixtures.chatbot(
            model: "      model: reply_api\n      url: \(url)\n      timeout: 120s\n      retries: 1", in: try BotFixtures.folder([:]))
        let ann = await harness.person()
        await ann.begin()
        // The opening fails too: one notice for it, one for the message.
        await ann.expect(RuntimeText.botUnavailable)
        await ann.say("hello")
        await ann.expect(RuntimeText.botUnavailable)
        await ann.say("[DONE]")
        await ann.expect("Welcome to the overworld for the ParlAI messenger chatbot demo. Please type \"begin\" to start, or \"exit\" to exit")
        await harness.stop()
        withExtendedLifetime(closed) {}
    }

    @Test("openai: the system prompt, recent history, model and key reach a chat-completions server")
    func openAIBot() async throws {
        let completions = FakeCompletions()
        let server = try await LocalHTTPServer.start(completions.router { body in
            let last = body["messages"].flatMap { if case .array(let items) = $0 { items.last } else { nil } }
            return .answer("You said: \(last?["content"]?.stringValue ?? "?")")
        })
        let variable = "PARLEY_TEST_KEY_\(UUID().uuidString.prefix(8))"
        setenv(variable, "sk-test", 1)
        let model = """
                  model: openai
                  base_url: \(server.url("/v1"))
                  model_name: tiny-llama
                  api_key_env: \(variable)
                  system_prompt: Be brief.
                  history: 2
                  temperature: 0.5
            """
        let harness = try BotFixtures.chatbot(model: model, in: try BotFixtures.folder([:]))
        let ann = await harness.person()
        await ann.begin()
        await ann.say("first")
        await ann.expect("You said: first")
        await ann.say("second")
        await ann.expect("You said: second")
        let requests = completions.requests
        #expect(requests.count == 2)
        #expect(requests.allSatisfy { $0.authorization == "Bearer sk-test" })
        let body = try #require(requests.last?.body)
        #expect(body["model"] == "tiny-llama")
        #expect(body["temperature"] == .number(0.5))
        #expect(body["messages"] == [
            ["role": "system", "content": "Be brief."],
            ["role": "assistant", "content": "You said: first"],
            ["role": "user", "content": "second"],
        ] as JSONValue)
        await ann.say("[RESET]")
        await ann.expect("[History Cleared]")
        await ann.say("third")
        await ann.expect("You said: third")
        #expect(completions.requests.last?.body["messages"] == [
            ["role": "system", "content": "Be brief."], ["role": "user", "content": "third"],
        ] as JSONValue)
        await harness.stop()
        try await server.stop()
    }

    @Test("openai: a server that answers 500 is retried, then the person is told; the world goes on")
    func openAIServerError() async throws {
        let completions = FakeCompletions()
        let server = try await LocalHTTPServer.start(completions.router { _ in .status(.internalServerError) })
        let model = "      model: openai\n      base_url: \(server.url("/v1"))\n      model_name: m\n      retries: 1"
        let harness = try BotFixtures.chatbot(model: model, in: try BotFixtures.folder([:]))
        let ann = await harness.person()
        await ann.begin()
        await ann.say("hello")
        await ann.expect(RuntimeText.botUnavailable)
        #expect(completions.requests.count == 2)
        await ann.say("[DONE]")
        await ann.expect("Welcome to the overworld for the ParlAI messenger chatbot demo. Please type \"begin\" to start, or \"exit\" to exit")
        await harness.stop()
        try await server.stop()
    }

    @Test("openai: a server slower than the timeout gets the unavailable notice, without a retry")
    func openAITimeout() async throws {
        let completions = FakeCompletions()
        let server = try await LocalHTTPServer.start(completions.router { _ in .slow(.seconds(4)) })
        let model = "      model: openai\n      base_url: \(server.url("/v1"))\n      model_name: m\n      timeout: 1s"
        let harness = try BotFixtures.chatbot(model: model, in: try BotFixtures.folder([:]))
        let ann = await harness.person()
        await ann.begin()
        await ann.say("hello")
        await ann.expect(RuntimeText.botUnavailable)
        // On a busy machine the time limit may pass before the server has read the request.
        #expect(completions.requests.count <= 1)
        await harness.stop()
        try await server.stop()
    }
}

/// A chat-completions endpoint at `/v1/chat/completions` that records what it is sent.
final class FakeCompletions: Sendable {
    struct Recorded: Sendable {
        var authorization: String?
        var body: JSONValue
    }

    enum Behaviour: Sendable {
        case answer(String)
        case status(HTTPResponse.Status)
        case slow(Duration)
    }

    private let recorded = Mutex<[Recorded]>([])

    var requests: [Recorded] { recorded.withLock { $0 } }

    func router(_ behaviour: @escaping @Sendable (JSONValue) -> Behaviour) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("v1/chat/completions") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let body = try JSONValue.parse(String(buffer: buffer))
            self.recorded.withLock { $0.append(Recorded(authorization: request.headers[.authorization], body: body)) }
            switch behaviour(body) {
            case .answer(let text):
                let answer: JSONValue = ["choices": [["index": 0, "message": ["role": "assistant", "content": .string(text)]]]]
                return Response(status: .ok, headers: [.contentType: "application/json"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: answer.jsonText())))
            case .status(let status):
                return Response(status: status)
            case .slow(let delay):
                try await Task.sleep(for: delay)
                return Response(status: .ok)
            }
        }
        return router
    }
}
