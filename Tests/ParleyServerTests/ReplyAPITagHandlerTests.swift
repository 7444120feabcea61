import Foundation
import Hummingbird
import ParleyCore
import ParleyServer
import ParleyStore
import Synchronization
import Testing

@Suite("Reply API: tag handlers")
struct ReplyAPITagHandlerTests {
    /// A mind whose outputs carry the tags the handlers below answer.
    static let tagger = """
        {"mind": "tagger", "version": 1, "models": [{"name": "main", "rules": [
          {"kind": "respond", "input": "[start]", "say": "Welcome."},
          {"kind": "respond", "input": "price", "say": "It costs [price rocketsled]."},
          {"kind": "respond", "input": "buy", "say": "[confirm order] Buying."},
          {"kind": "respond", "input": "[confirmed {n}]", "say": "Order {n} confirmed."},
          {"kind": "respond", "input": "fail", "say": "Before [fail x] after."},
          {"kind": "respond", "input": "fail softly", "say": "Before [fail \\"a b\\" | the fallback] after."},
          {"kind": "respond", "input": "slow", "say": "Wait. [slow]"},
          {"kind": "respond", "input": "loop", "say": "Loop. [loop]"},
          {"kind": "respond", "input": "[again]", "say": "Again. [loop]"},
          {"kind": "respond", "input": "other", "say": "[head-nod] Plain."},
          {"kind": "respond", "input": "*", "say": "Go on."}
        ]}]}
        """

    /// The JSON bodies the handler server received, in order.
    final class Received: Sendable {
        private let bodies = Mutex<[JSONValue]>([])
        var all: [JSONValue] { bodies.withLock { $0 } }
        func add(_ body: JSONValue) { bodies.withLock { $0.append(body) } }
    }

    /// The handler endpoints: price echoes its arguments, confirm answers a control input, fail
    /// answers 500, slow waits past its timeout, loop always asks for another turn.
    static func routes(_ upstream: UpstreamServer, _ received: Received) -> (Router<BasicRequestContext>) -> Void {
        @Sendable func json(_ value: JSONValue) -> Response {
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: value.jsonText())))
        }
        return { router in
            router.post("price") { request, _ in
                let body = try JSONValue.parse(String(buffer: try await request.body.collect(upTo: 65536)))
                received.add(body)
                let args = body["args"].flatMap { value -> [String]? in
                    guard case .array(let items) = value else { return nil }
                    return items.compactMap(\.stringValue)
                } ?? []
                return json(["text": .string(args.joined(separator: " ") + " coins")])
            }
            router.post("confirm") { _, _ in json(["control": "[confirmed 123]"]) }
            router.post("fail") { _, _ in Response(status: .internalServerError) }
            router.post("slow") { _, _ in
                await upstream.gate.wait()
                return json(["text": "too late"])
            }
            router.post("loop") { _, _ in json(["control": "[again]"]) }
        }
    }

    /// Serves the tagger mind with handlers on `base` over `store`.
    static func withAPI(
        base: String, store: any DataStore, _ body: @Sendable (ReplyAPIClient) async throws -> Void
    ) async throws {
        let folder = try ReplyAPIFixtureMinds.folder(["tagger.json": tagger])
        let handlers = TagHandlers(
            ["price", "confirm", "fail", "loop"].map { TagHandler(word: $0, url: base + "/" + $0, timeout: .seconds(60)) }
                + [TagHandler(word: "slow", url: base + "/slow", timeout: .milliseconds(200))])
        let api = ReplyAPI(
            minds: try ReplyAPIHarness.library(folder), store: store, options: ReplyAPIOptions(tags: handlers),
            logger: ReplyAPIHarness.logger)
        try await ReplyAPIHarness.serve(api, body)
    }

    @Test("stateless: text replaces the tag; the handler gets userid null, tag, args and text")
    func textReplacement() async throws {
        let (upstream, received) = (UpstreamServer(), Received())
        let store = try SQLiteStore.temporary()
        try await upstream.serve(Self.routes(upstream, received)) { base async throws in
            try await Self.withAPI(base: base, store: store) { client async throws in
                let answer = try await client.post(form: ["input": "price", "mind": "tagger"])
                #expect(answer.status == .ok && answer.output == "It costs rocketsled coins.")
                #expect(answer.json["data"] != nil)
                let plain = try await client.post(form: ["input": "other", "mind": "tagger"])
                #expect(plain.output == "[head-nod] Plain.")
            }
        }
        #expect(received.all == [["userid": nil, "tag": "price", "args": ["rocketsled"], "text": "It costs [price rocketsled]."]])
        try store.close()
    }

    @Test("a control answer removes the tag and runs the control input as the next turn", arguments: ReplyAPIStoreKind.tested)
    func controlTurn(kind: ReplyAPIStoreKind) async throws {
        let (upstream, received) = (UpstreamServer(), Received())
        try await kind.withStore { store async throws in
            let user = uniqueUserID("buyer")
            try await upstream.serve(Self.routes(upstream, received)) { base async throws in
                try await Self.withAPI(base: base, store: store) { client async throws in
                    let stateless = try await client.post(form: ["input": "buy", "mind": "tagger"])
                    #expect(stateless.output == "Buying. Order 123 confirmed.")
                    let stateful = try await client.say("buy", as: user, mind: "tagger")
                    #expect(stateful.status == .ok && stateful.output == "Welcome. Buying. Order 123 confirmed.")
                    let price = try await client.say("price", as: user, mind: "tagger")
                    #expect(price.output == "It costs rocketsled coins.")
                }
            }
            let exchanges = try await store.transcript(mind: "tagger", userID: user, after: nil, limit: 10)
            #expect(exchanges.map(\.output) == ["Welcome. Buying. Order 123 confirmed.", "It costs rocketsled coins."])
            #expect(received.all.last?["userid"] == .string(user))
            #expect(upstream.requests(to: "/confirm") == 2)
        }
    }

    @Test("a failing or slow handler leaves its tag removed (or its fallback text) and the exchange is still stored",
          arguments: ReplyAPIStoreKind.tested)
    func failures(kind: ReplyAPIStoreKind) async throws {
        let (upstream, received) = (UpstreamServer(), Received())
        try await kind.withStore { store async throws in
            let user = uniqueUserID("patient")
            try await upstream.serve(Self.routes(upstream, received)) { base async throws in
                try await Self.withAPI(base: base, store: store) { client async throws in
                    #expect(try await client.post(form: ["input": "fail", "mind": "tagger"]).output == "Before after.")
                    #expect(try await client.post(form: ["input": "fail softly", "mind": "tagger"]).output
                        == "Before the fallback after.")
                    #expect(try await client.post(form: ["input": "slow", "mind": "tagger"]).output == "Wait.")
                    #expect(try await client.say("fail", as: user, mind: "tagger").output == "Welcome. Before after.")
                    #expect(try await client.say("slow", as: user, mind: "tagger").output == "Wait.")
                }
            }
            let exchanges = try await store.transcript(mind: "tagger", userID: user, after: nil, limit: 10)
            #expect(exchanges.map(\.output) == ["Welcome. Before after.", "Wait."])
            // On a busy machine a slow handler's time limit may pass before its request is read.
            #expect(upstream.requests(to: "/fail") == 3 && upstream.requests(to: "/slow") <= 2)
        }
    }

    @Test("at most 4 handler rounds run for one request")
    func roundCap() async throws {
        let (upstream, received) = (UpstreamServer(), Received())
        let store = try SQLiteStore.temporary()
        try await upstream.serve(Self.routes(upstream, received)) { base async throws in
            try await Self.withAPI(base: base, store: store) { client async throws in
                let answer = try await client.post(form: ["input": "loop", "mind": "tagger"])
                #expect(answer.status == .ok && answer.output == "Loop. Again. Again. Again. Again.")
            }
        }
        #expect(upstream.requests(to: "/loop") == 4)
        try store.close()
    }

    @Test("the configuration file: the doc's shape loads; unknown keys, bad URLs and bad durations name file and key")
    func configuration() throws {
        let handlers = try TagHandlers(
            yaml: """
                tags:
                  select:                      # matches [select ...] in an output
                    url: http://127.0.0.1:9000/price
                    timeout: 2s
                  nod:
                    url: https://example.com/nod
                    timeout: 500ms
                  plain:
                    url: http://example.com/plain
                """, file: "tags.yml")
        #expect(handlers.byWord["select"] == TagHandler(word: "select", url: "http://127.0.0.1:9000/price", timeout: .seconds(2)))
        #expect(handlers.byWord["nod"]?.timeout == .milliseconds(500))
        #expect(handlers.byWord["plain"]?.timeout == TagHandler.defaultTimeout)
        let bad: [(yaml: String, key: String)] = [
            ("tags:\n  select:\n    url: http://a.example/x\n    retries: 3\n", "tags.select.retries"),
            ("tag:\n  select:\n    url: http://a.example/x\n", "tag"),
            ("tags:\n  select:\n    url: ftp://a.example/x\n", "tags.select.url"),
            ("tags:\n  select:\n    url: not a url\n", "tags.select.url"),
            ("tags:\n  select:\n    timeout: 2s\n", "tags.select.url"),
            ("tags:\n  select:\n    url: http://a.example/x\n    timeout: 2\n", "tags.select.timeout"),
            ("tags:\n  select:\n    url: http://a.example/x\n    timeout: 2 seconds\n", "tags.select.timeout"),
            ("tags:\n  select:\n    url: http://a.example/x\n    timeout: 0s\n", "tags.select.timeout"),
            ("tags:\n  select:\n    url: http://a.example/x\n    timeout: 90s\n", "tags.select.timeout"),
            ("tags:\n  Select:\n    url: http://a.example/x\n", "tags.Select"),
            ("tags:\n  select: http://a.example/x\n", "tags.select"),
        ]
        for (yaml, key) in bad {
            do {
                _ = try TagHandlers(yaml: yaml, file: "tags.yml")
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect(error.file == "tags.yml" && error.key == key, "\(yaml): \(error)")
                #expect(error.description.hasPrefix("tags.yml: \(key): "))
            }
        }
        #expect(throws: TagHandlersError.self) { try TagHandlers.load(path: "/nonexistent/tags.yml") }
    }
}
