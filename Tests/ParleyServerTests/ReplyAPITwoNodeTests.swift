import Foundation
import HTTPTypes
import ParleyCore
import ParleyServer
import ParleyStore
import Testing

/// The stateful reply API served by two servers on one PostgreSQL database, as two nodes behind a
/// load balancer: each server remembers the users it served, and a user's turns land on either.
@Suite(
    "Reply API: two servers on one PostgreSQL database",
    .enabled(
        if: ReplyAPIStoreKind.postgresRuns,
        "PARLEY_TEST_POSTGRES_URL is not set: PostgreSQL variants skipped (start a server with scripts/postgres)"))
struct ReplyAPITwoNodeTests {
    /// Runs `body` with a client of each of two servers, each on its own connection to the test database.
    func withTwoNodes(_ body: @Sendable (ReplyAPIClient, ReplyAPIClient) async throws -> Void) async throws {
        guard let url = ReplyAPIStoreKind.postgresURL else { throw ReplyAPIStoreKind.PostgresNotConfigured() }
        let folder = try ReplyAPIFixtureMinds.folder()
        let library = try ReplyAPIHarness.library(
            folder, named: [("demo", folder.appendingPathComponent("seed-demo.yaml").path)])
        let first = try await PostgresStore.connect(url: url)
        let second = try await PostgresStore.connect(url: url)
        let nodes = [first, second].map {
            ReplyAPI(minds: library, store: $0, options: ReplyAPIOptions(), logger: ReplyAPIHarness.logger)
        }
        do {
            try await ReplyAPIHarness.serve(nodes[0]) { one async throws in
                try await ReplyAPIHarness.serve(nodes[1]) { two async throws in try await body(one, two) }
            }
        } catch {
            await first.close()
            await second.close()
            throw error
        }
        await first.close()
        await second.close()
    }

    /// The outputs of the user's transcript, oldest first, as `client`'s server reads them.
    func outputs(of user: String, from client: ReplyAPIClient) async throws -> [String] {
        let answer = try await client.get("/users/\(user)/transcript", query: ["limit": "100"])
        return (answer.json["exchanges"]?.arrayValue ?? []).compactMap { $0["output"]?.stringValue }
    }

    @Test("the tutorial conversation, each turn on the other server")
    func alternatingTurns() async throws {
        try await withTwoNodes { one, two async throws in
            let user = uniqueUserID("joe")
            #expect(try await one.say("My name is Joe.", as: user).output == "Ok Joe.")
            #expect(try await two.say("Who am I?", as: user).output == "I know you as Joe.")
            #expect(try await one.say("My name is Ann.", as: user).output == "Ok Ann.")
            #expect(try await two.say("Who am I?", as: user).output == "I know you as Ann.")
            #expect(try await one.say("Who am I?", as: user).output == "I know you as Ann.")
            #expect(try await outputs(of: user, from: two).count == 5)
        }
    }

    @Test("20 concurrent turns of one user split over both servers: none lost")
    func concurrentTurnsOnBoth() async throws {
        try await withTwoNodes { one, two async throws in
            let user = uniqueUserID()
            // Each server has served the user once, so both remember a record the other changes.
            #expect(try await one.say("hi", as: user, mind: "greeter").output == "Nice to meet you. Go on.")
            #expect(try await two.say("hi", as: user, mind: "greeter").output == "Go on.")
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<20 {
                    let client = index % 2 == 0 ? one : two
                    group.addTask {
                        try await client.withOwnConnection { connection in
                            try await connection.say("message \(index)", as: user, mind: "greeter")
                        }
                    }
                }
                for try await status in group { #expect(status == .ok) }
            }
            let outputs = try await outputs(of: user, from: one)
            #expect(outputs.count == 22)
            #expect(outputs.filter { $0 == "Nice to meet you. Go on." }.count == 1)
        }
    }

    @Test("a user erased through one server starts anew on the other, which had served them")
    func eraseOnOneContinueOnTheOther() async throws {
        try await withTwoNodes { one, two async throws in
            let user = uniqueUserID()
            #expect(try await two.say("hi", as: user, mind: "greeter").output == "Nice to meet you. Go on.")
            #expect(try await two.say("hi", as: user, mind: "greeter").output == "Go on.")
            #expect(try await one.send("/users/\(user)", method: .delete).status == .noContent)
            #expect(try await two.say("again", as: user, mind: "greeter").output == "Nice to meet you. Go on.")
            #expect(try await outputs(of: user, from: one) == ["Nice to meet you. Go on."])
        }
    }
}
