import Foundation
import HTTPTypes
import ParleyCore
import ParleyServer
import ParleyStore
import Testing

@Suite("Reply API: stateless POST /reply")
struct ReplyAPIStatelessTests {
    /// A server over a fresh minds folder and SQLite store.
    func withServer(_ body: @Sendable (ReplyAPIClient, URL) async throws -> Void) async throws {
        let folder = try ReplyAPIFixtureMinds.folder()
        let store = try SQLiteStore.temporary()
        let api = ReplyAPI(minds: try ReplyAPIHarness.library(folder), store: store, logger: ReplyAPIHarness.logger)
        try await ReplyAPIHarness.serve(api) { client in try await body(client, folder) }
        try store.close()
    }

    @Test("the tutorial's curl call: form body with key, input and a file: URL")
    func tutorialCurl() async throws {
        try await withServer { client, folder in
            let url = folder.appendingPathComponent("seed-demo.yaml").absoluteString
            #expect(url.hasPrefix("file:///"))
            let answer = try await client.post(form: ["key": "K", "input": "hello", "url": url])
            #expect(answer.status == .ok)
            #expect(answer.output == "[head-nod] Hello.")
            #expect(answer.json["idle"] == 3)
            #expect(answer.json["data"]?["v"] == 1)
            #expect(answer.json["data"]?["turn"] == 1)
        }
    }

    @Test("a new stateless conversation (no data, or {}) starts from a random seed; given data keeps its seed")
    func randomSeeds() async throws {
        try await withServer { client, _ in
            var seeds: Set<String> = []
            for _ in 0..<2 {
                for answer in [try await client.post(form: ["input": "hello", "mind": "seed-demo"]),
                               try await client.post(form: ["input": "hello", "mind": "seed-demo", "data": "{}"])] {
                    seeds.insert(answer.json["data"]?["seed"]?.stringValue ?? "")
                }
            }
            #expect(seeds.count == 4 && !seeds.contains(""))
            let given = try await client.post(form: ["input": "hello", "mind": "seed-demo", "data": #"{"seed": 5}"#])
            #expect(given.json["data"]?["seed"] == "0000000000000005")
        }
    }

    @Test("curl -d sends fields as typed, without encoding them")
    func rawCurlBody() async throws {
        try await withServer { client, folder in
            let path = folder.appendingPathComponent("seed-demo.yaml").path
            let answer = try await client.send(
                "/reply", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: "key=K&input=My name is Joe.&url=file://\(path)")
            #expect(answer.output == "Ok Joe.")
        }
    }

    @Test("the tutorial conversation, data sent back as form JSON text")
    func conversationByForm() async throws {
        try await withServer { client, _ in
            let first = try await client.post(form: ["input": "My name is Joe.", "mind": "seed-demo"])
            #expect(first.output == "Ok Joe.")
            let data = try #require(first.json["data"])
            #expect(data["world"] == "UserName(Joe)")
            let second = try await client.post(form: ["input": "Who am I?", "mind": "seed-demo", "data": data.jsonText()])
            #expect(second.output == "I know you as Joe.")
            #expect(second.json["data"]?["turn"] == 2)
        }
    }

    @Test("the tutorial conversation by JSON body, data as an object, key as a Bearer header")
    func conversationByJSON() async throws {
        try await withServer { client, _ in
            let first = try await client.post(json: ["input": "My name is Joe.", "mind": "seed-demo", "data": [:]])
            #expect(first.status == .ok)
            let data = try #require(first.json["data"])
            let second = try await client.send(
                "/reply", method: .post, headers: [.contentType: "application/json", .authorization: "Bearer K"],
                body: JSONValue.object(["input": "Who am I?", "mind": "seed-demo", "data": data]).jsonText())
            #expect(second.output == "I know you as Joe.")
        }
    }

    @Test("idle: present while an idle rule is pending, absent after it fired")
    func idle() async throws {
        try await withServer { client, _ in
            let hello = try await client.post(json: ["input": "hello", "mind": "seed-demo"])
            #expect(hello.json["idle"] == 3)
            let data = try #require(hello.json["data"])
            let idle = try await client.post(json: ["input": "[idle 3]", "mind": "seed-demo", "data": data])
            #expect(idle.output == "How can I help?")
            #expect(idle.json["idle"] == nil)
            #expect(idle.json["data"]?["idle"] == nil)
        }
    }

    @Test("without mind or url the default mind answers (first named, else demo)")
    func defaultMind() async throws {
        let folder = try ReplyAPIFixtureMinds.folder()
        let store = try SQLiteStore.temporary()
        let named = try ReplyAPIHarness.library(
            folder, named: [("greeter", folder.appendingPathComponent("greeter.json").path)])
        let unnamed = try ReplyAPIHarness.library(folder)
        #expect(named.defaultName == "greeter")
        #expect(unnamed.defaultName == "demo")
        try await ReplyAPIHarness.serve(ReplyAPI(minds: named, store: store, logger: ReplyAPIHarness.logger)) { client async throws in
            #expect(try await client.post(form: ["input": "hello"]).output == "Go on.")
        }
        try await ReplyAPIHarness.serve(ReplyAPI(minds: unnamed, store: store, logger: ReplyAPIHarness.logger)) { client async throws in
            // The folder holds two minds, neither named demo: the demo mind built into Parley answers.
            let greetings: Set = ["[smile] Hello! How can I help?", "[head-nod] Hi there! What can I do for you?"]
            let greeting = try await client.post(form: ["input": "hello"]).output ?? ""
            #expect(greetings.contains(greeting))
        }
        try store.close()
    }
}
