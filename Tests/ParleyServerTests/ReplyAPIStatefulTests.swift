import Foundation
import HTTPTypes
import ParleyCore
import ParleyMind
import ParleyServer
import ParleyStore
import Testing

/// Reports the PostgreSQL variants as skipped (with the reason) when they do not run.
@Test(
    "Reply API: PostgreSQL test server configured",
    .enabled(
        if: ReplyAPIStoreKind.postgresRuns,
        "PARLEY_TEST_POSTGRES_URL is not set: PostgreSQL variants skipped (start a server with scripts/postgres)"))
func replyAPIPostgresConfigured() async throws {
    try await ReplyAPIStoreKind.postgres.withStore { store async throws in
        #expect(try await store.transcript(mind: nil, userID: uniqueUserID(), after: nil, limit: 1).isEmpty)
    }
}

@Suite("Reply API: stateful /reply and user data")
struct ReplyAPIStatefulTests {
    /// Serves the fixture minds over `store`, with `clock` and a restart threshold of 5 minutes.
    func withServer(
        _ store: any DataStore, clock: ReplyAPITestClock = ReplyAPITestClock(),
        _ body: @Sendable (ReplyAPIClient) async throws -> Void
    ) async throws {
        let folder = try ReplyAPIFixtureMinds.folder()
        let library = try ReplyAPIHarness.library(
            folder, named: [("demo", folder.appendingPathComponent("seed-demo.yaml").path)])
        let api = ReplyAPI(
            minds: library, store: store, options: ReplyAPIOptions(clock: clock.read), logger: ReplyAPIHarness.logger)
        try await ReplyAPIHarness.serve(api, body)
    }

    /// The data the store keeps for `userID` of `mind`, read without changing it.
    func storedData(_ store: any DataStore, mind: String, userID: String) async throws -> ConversationData? {
        struct Peek: Error { var record: UserRecord? }
        do {
            _ = try await store.exchange(mind: mind, userID: userID) { record -> (UserUpdate, Int) in
                throw Peek(record: record)
            }
        } catch let peek as Peek {
            return try peek.record.map { try ConversationData(jsonText: $0.data) }
        }
        Issue.record("the peek stored something")
        return nil
    }

    @Test("the tutorial conversation by GET, state kept by the server", arguments: ReplyAPIStoreKind.tested)
    func tutorial(kind: ReplyAPIStoreKind) async throws {
        try await kind.withStore { store async throws in
            let user = uniqueUserID("joe")
            try await withServer(store) { client async throws in
                let first = try await client.say("My name is Joe.", as: user)
                #expect(first.status == .ok)
                #expect(first.json == ["output": "Ok Joe.", "idle": 3])
                #expect(try await client.say("Who am I?", as: user).output == "I know you as Joe.")
                #expect(try await client.say("Who am I?", as: uniqueUserID()).output == "I don't know your name yet.")
            }
            let data = try #require(try await storedData(store, mind: "demo", userID: user))
            #expect(data.worldFacts == ["UserName(Joe)"])
            #expect(data.turns == 3)
        }
    }

    @Test("POST with userid and no data is stateful; the mind may be named; state is per mind",
          arguments: ReplyAPIStoreKind.tested)
    func postStateful(kind: ReplyAPIStoreKind) async throws {
        try await kind.withStore { store async throws in
            let user = uniqueUserID()
            try await withServer(store) { client async throws in
                let first = try await client.post(form: ["userid": user, "input": "My name is Joe.", "mind": "seed-demo"])
                #expect(first.json == ["output": "Ok Joe.", "idle": 3])
                #expect(try await client.post(json: ["userid": .string(user), "input": "Who am I?", "mind": "seed-demo"])
                    .output == "I know you as Joe.")
                #expect(try await client.post(json: ["userid": .string(user), "input": "Who am I?"])
                    .output == "I don't know your name yet.")
                let byURL = try await client.post(form: ["userid": user, "input": "x", "url": "file:greeter.json"])
                #expect(byURL.output == "Nice to meet you. Go on.")
            }
            #expect(try await storedData(store, mind: "file:greeter.json", userID: user)?.turns == 2)
        }
    }

    @Test("the conversation survives a server restart on the same SQLite file")
    func restartServer() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("parley-reply-api-\(UUID().uuidString).sqlite").path
        let user = uniqueUserID()
        let first = try SQLiteStore(path: path)
        try await withServer(first) { client async throws in
            #expect(try await client.say("My name is Joe.", as: user).output == "Ok Joe.")
        }
        try first.close()
        let second = try SQLiteStore(path: path)
        try await withServer(second) { client async throws in
            #expect(try await client.say("Who am I?", as: user).output == "I know you as Joe.")
        }
        try second.close()
    }

    @Test("[start] for a new user, [restart n] after more than 5 minutes away", arguments: ReplyAPIStoreKind.tested)
    func startAndRestart(kind: ReplyAPIStoreKind) async throws {
        try await kind.withStore { store async throws in
            let clock = ReplyAPITestClock()
            let user = uniqueUserID()
            try await withServer(store, clock: clock) { client async throws in
                #expect(try await client.say("hi", as: user, mind: "greeter").output == "Nice to meet you. Go on.")
                clock.advance(minutes: 5)
                #expect(try await client.say("hi", as: user, mind: "greeter").output == "Go on.")
                clock.advance(minutes: 12.9)
                #expect(try await client.say("hi", as: user, mind: "greeter").output == "Back after 12 minutes. Go on.")
                clock.advance(minutes: 2880)
                // seed-demo answers [restart n] with "": only the input's output comes back.
                #expect(try await client.say("hi", as: user).output == "[head-nod] Hello.")
                #expect(try await client.say("hi", as: user).output == "[head-nod] Hello.")
                clock.advance(minutes: 6)
                #expect(try await client.say("[auto]", as: user).output == "Welcome back! How can I help?")
            }
            let exchanges = try await store.transcript(mind: "greeter", userID: user, after: nil, limit: 10)
            #expect(exchanges.map(\.output) == ["Nice to meet you. Go on.", "Go on.", "Back after 12 minutes. Go on."])
        }
    }

    @Test("the restart threshold is configurable")
    func restartThreshold() async throws {
        let store = try SQLiteStore.temporary()
        let clock = ReplyAPITestClock()
        let user = uniqueUserID()
        let library = try ReplyAPIHarness.library(try ReplyAPIFixtureMinds.folder())
        let api = ReplyAPI(
            minds: library, store: store, options: ReplyAPIOptions(restartAfter: 60, clock: clock.read),
            logger: ReplyAPIHarness.logger)
        try await ReplyAPIHarness.serve(api) { client async throws in
            _ = try await client.say("hi", as: user, mind: "greeter")
            clock.advance(minutes: 2)
            #expect(try await client.say("hi", as: user, mind: "greeter").output == "Back after 2 minutes. Go on.")
        }
        try store.close()
    }

    @Test("idle: the pending idle rule's delay, then none once it fired", arguments: ReplyAPIStoreKind.tested)
    func idle(kind: ReplyAPIStoreKind) async throws {
        try await kind.withStore { store async throws in
            let user = uniqueUserID()
            try await withServer(store) { client async throws in
                #expect(try await client.say("hello", as: user).json == ["output": "[head-nod] Hello.", "idle": 3])
                #expect(try await client.say("[idle 3]", as: user).json == ["output": "How can I help?"])
            }
        }
    }

    @Test("the transcript, paged, and erasing a user", arguments: ReplyAPIStoreKind.tested)
    func transcriptAndErase(kind: ReplyAPIStoreKind) async throws {
        try await kind.withStore { store async throws in
            let user = uniqueUserID()
            let clock = ReplyAPITestClock()
            try await withServer(store, clock: clock) { client async throws in
                for input in ["one", "two", "three"] { _ = try await client.say(input, as: user, mind: "greeter") }
                let first = try await client.get("/users/\(user)/transcript", query: ["limit": "2"])
                #expect(first.status == .ok)
                guard case .array(let page)? = first.json["exchanges"] else {
                    Issue.record("no exchanges in \(first.json)")
                    return
                }
                #expect(page.map { $0["input"] } == ["one", "two"])
                #expect(page.map { $0["output"] } == ["Nice to meet you. Go on.", "Go on."])
                #expect(page.allSatisfy { $0["mind"] == "greeter" })
                #expect(page.first?["time"] == "2027-01-15T08:00:00.000Z")
                let next = try #require(first.json["next"]?.numberValue)
                let second = try await client.get(
                    "/users/\(user)/transcript", query: ["after": String(Int64(next)), "limit": "2"])
                guard case .array(let rest)? = second.json["exchanges"] else {
                    Issue.record("no exchanges in \(second.json)")
                    return
                }
                #expect(rest.map { $0["input"] } == ["three"])
                #expect(second.json["next"] == nil)
                let erased = try await client.send("/users/\(user)", method: .delete)
                #expect(erased.status == .noContent)
                #expect(try await client.get("/users/\(user)/transcript").json == ["exchanges": []])
                #expect(try await client.say("again", as: user, mind: "greeter").output == "Nice to meet you. Go on.")
            }
        }
    }

    @Test("20 concurrent turns of one user: none lost", arguments: ReplyAPIStoreKind.tested)
    func concurrentTurns(kind: ReplyAPIStoreKind) async throws {
        try await kind.withStore { store async throws in
            let user = uniqueUserID()
            try await withServer(store) { client async throws in
                try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for index in 0..<20 {
                        group.addTask {
                            try await client.withOwnConnection { connection in
                                try await connection.say("message \(index)", as: user, mind: "greeter")
                            }
                        }
                    }
                    for try await status in group { #expect(status == .ok) }
                }
            }
            // 20 inputs and the [start] before the first.
            #expect(try await storedData(store, mind: "greeter", userID: user)?.turns == 21)
            let exchanges = try await store.transcript(mind: "greeter", userID: user, after: nil, limit: 100)
            #expect(exchanges.count == 20)
            #expect(exchanges.filter { $0.output == "Nice to meet you. Go on." }.count == 1)
        }
    }
}
