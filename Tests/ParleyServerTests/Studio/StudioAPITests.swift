import Foundation
import HTTPTypes
import ParleyCore
import ParleyServer
import Testing

/// The studio's JSON API on a real server: keys, drafts, validation, the tester, tests, publishing
/// and the reply API's use of versions, and the review.
struct StudioAPITests {
    /// A mind with a greeting, a name remembered and a catch-all.
    static let pizza = """
        mind: pizza
        version: 1
        models:
          - name: main
            rules:
              - {kind: respond, input: "[start]", say: "Welcome to Pizza Place."}
              - {kind: respond, input: "~hello", say: "Hi there."}
              - {kind: respond, input: "my name is {name}", assert: ["UserName({name})"], say: "Nice to meet you, {name}."}
              - {kind: respond, input: "*", say: "Sorry?"}
        concepts:
          hello: [hello, hi]
        """

    @Test func anAdminKeyIsNeededWhenOneIsConfigured() async throws {
        let server = try await StudioServer.start(adminKeys: ["s3cret-key"])
        try await server.withClient { client in
            let missing = try await client.call(.get, "/studio/api/minds")
            #expect(missing.status == .unauthorized)
            #expect(missing.errorCode == "bad_key")
            let wrong = try await client.call(.get, "/studio/api/minds", key: "nope")
            #expect(wrong.errorCode == "bad_key")
            let right = try await client.call(.get, "/studio/api/minds", key: "s3cret-key")
            #expect(right.status == .ok)
            #expect(try await client.call(.get, "/studio/api/info", key: "s3cret-key").json?["loopbackOnly"] == false)
            #expect(try await client.http.send("/studio").status == .ok)
        }
        try await server.stop()
    }

    @Test func withoutAnAdminKeyTheStudioIsClosedBeyondLoopback() async throws {
        let server = try await StudioServer.start(loopback: false)
        try await server.withClient { client in
            let page = try await client.http.send("/studio")
            #expect(page.status == .forbidden)
            #expect(page.text.contains("--admin-key"))
            let api = try await client.call(.get, "/studio/api/minds")
            #expect(api.status == .forbidden)
            #expect(api.errorCode == "studio_closed")
        }
        try await server.stop()
        let open = try await StudioServer.start()
        try await open.withClient { client in
            let info = try await client.call(.get, "/studio/api/info")
            #expect(info.json?["loopbackOnly"] == true)
        }
        try await open.stop()
    }

    @Test func draftsAreSavedWithRevisionsAndAStaleSaveGetsTheOtherDraft() async throws {
        let server = try await StudioServer.start()
        try await server.withClient { client in
            let created = try await client.call(.post, "/studio/api/minds", ["name": "pizza", "source": .string(Self.pizza)])
            #expect(created.status == .created)
            #expect(created.headers[.eTag] == "\"1\"")
            #expect(created.json?["diagnostics"] == [])
            #expect(try await client.call(.post, "/studio/api/minds", ["name": "pizza"]).errorCode == "name_taken")
            // Names are unique across the studio and the minds folder.
            #expect(try await client.call(.post, "/studio/api/minds", ["name": "greeter"]).status == .conflict)
            let slash = try await client.call(.post, "/studio/api/minds", ["name": "no/slash"])
            #expect(slash.status == .badRequest)

            let read = try await client.call(.get, "/studio/api/minds/pizza")
            #expect(read.json?["source"]?.stringValue == Self.pizza)
            #expect(read.json?["editable"] == true)
            let mine = Self.pizza.replacingOccurrences(of: "Hi there.", with: "Hello from me.")
            let saved = try await client.call(.put, "/studio/api/minds/pizza", ["source": .string(mine)], headers: [.ifMatch: "\"1\""])
            #expect(saved.status == .ok)
            #expect(saved.headers[.eTag] == "\"2\"")
            // A second editor still at revision 1: refused, and shown the draft it would overwrite.
            let theirs = Self.pizza.replacingOccurrences(of: "Sorry?", with: "Pardon?")
            let stale = try await client.call(.put, "/studio/api/minds/pizza", ["source": .string(theirs)], headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.errorCode == "stale_draft")
            #expect(stale.json?["current"]?["source"]?.stringValue == mine)
            #expect(stale.json?["current"]?["revision"] == 2)
            #expect(try await client.call(.get, "/studio/api/minds/pizza").json?["source"]?.stringValue == mine)
            let forced = try await client.call(.put, "/studio/api/minds/pizza", ["source": .string(theirs)])
            #expect(forced.headers[.eTag] == "\"3\"")

            #expect(try await client.call(.post, "/studio/api/minds/pizza/rename", ["name": "greeter"]).status == .conflict)
            #expect(try await client.call(.post, "/studio/api/minds/pizza/rename", ["name": "pie"]).status == .ok)
            #expect(try await client.call(.get, "/studio/api/minds/pizza").status == .notFound)
            let list = try await client.call(.get, "/studio/api/minds").json?["minds"]?.arrayValue ?? []
            #expect(list.compactMap { $0["name"]?.stringValue } == ["pie", "greeter", "seed-demo", "demo"])
            #expect(list.compactMap { $0["origin"]?.stringValue } == ["studio", "folder", "folder", "built-in"])

            // A read-only mind can be copied into the studio, not changed.
            #expect(try await client.call(.put, "/studio/api/minds/greeter", ["source": "x"]).errorCode == "read_only")
            #expect(try await client.call(.delete, "/studio/api/minds/greeter").status == .forbidden)
            #expect(try await client.call(.post, "/studio/api/minds/greeter/copy", ["name": "greeter2"]).status == .created)
            let copy = try await client.call(.get, "/studio/api/minds/greeter2")
            #expect(copy.json?["source"]?.stringValue == ReplyAPIFixtureMinds.greeter)
            #expect(copy.json?["editable"] == true)
            #expect(try await client.call(.delete, "/studio/api/minds/pie").status == .noContent)
            #expect(try await client.call(.get, "/studio/api/minds/pie").status == .notFound)
        }
        try await server.stop()
    }

    @Test func checkLocatesEachFindingAndOutlinesTheMind() async throws {
        let server = try await StudioServer.start()
        try await server.withClient { client in
            let source = Self.pizza.replacingOccurrences(of: "my name is {name}", with: "my (name is {name}")
            let answer = try await client.call(.post, "/studio/api/check", ["source": .string(source)])
            let diagnostics = (answer.json?["diagnostics"]?.arrayValue ?? []).filter { $0["path"] == "models[0].rules[2].input" }
            #expect(diagnostics.count == 1)
            #expect(diagnostics.first?["path"] == "models[0].rules[2].input")
            #expect(diagnostics.first?["line"] == 8)
            #expect(diagnostics.first?["rule"] == "main.2")
            // The column of the '(' inside the pattern, counted on the line.
            let line = source.split(separator: "\n")[7]
            let column = line.distance(from: line.startIndex, to: line.firstIndex(of: "(")!) + 1
            #expect(diagnostics.first?["column"]?.intValue == column)
            let outline = answer.json?["outline"]?.arrayValue ?? []
            #expect(outline.compactMap { $0["name"]?.stringValue } == ["main", "main.0", "main.1", "main.2", "main.3", "concepts", "hello"])
            #expect(outline.first { $0["name"] == "main.1" }?["line"] == 7)
            let broken = try await client.call(.post, "/studio/api/check", ["source": "mind: x\nmodels: [\n"])
            #expect(broken.json?["diagnostics"]?.arrayValue?.first?["line"]?.intValue != nil)
        }
        try await server.stop()
    }

    @Test func theTesterRunsTheDraftWithATraceAndEditableFacts() async throws {
        let server = try await StudioServer.start()
        try await server.withClient { client in
            _ = try await client.call(.post, "/studio/api/minds", ["name": "pizza", "source": .string(Self.pizza)])
            let start = try await client.call(.post, "/studio/api/minds/pizza/try", ["input": "[start]", "data": nil])
            #expect(start.json?["output"] == "Welcome to Pizza Place.")
            let named = try await client.call(
                .post, "/studio/api/minds/pizza/try", ["input": "my name is Joe", "data": start.json?["data"] ?? nil])
            #expect(named.json?["output"] == "Nice to meet you, Joe.")
            #expect(named.json?["facts"] == ["UserName(Joe)"])
            #expect(named.json?["trace"]?["winner"] == "main.2")
            #expect(named.json?["trace"]?["candidates"]?.arrayValue?.isEmpty == false)
            // Facts edited in the tester without a turn.
            let edited = try await client.call(
                .post, "/studio/api/minds/pizza/try",
                ["input": nil, "data": named.json?["data"] ?? nil, "facts": ["UserName(Ann)", "Likes(pizza)"]])
            #expect(edited.json?["facts"] == ["UserName(Ann)", "Likes(pizza)"])
            #expect(edited.json?["data"]?["turn"] == 2)
            // The editor's unsaved text is what runs.
            let unsaved = Self.pizza.replacingOccurrences(of: "Sorry?", with: "Say again?")
            let other = try await client.call(.post, "/studio/api/minds/pizza/try", ["input": "pineapple", "source": .string(unsaved)])
            #expect(other.json?["output"] == "Say again?")
            let invalid = try await client.call(.post, "/studio/api/minds/pizza/try", ["input": "x", "source": "mind: x"])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.errorCode == "invalid_rulebase")
        }
        try await server.stop()
    }

    @Test func testsRunWithTracesOfFailuresAndRuleCoverage() async throws {
        let server = try await StudioServer.start()
        try await server.withClient { client in
            let tests = """
                tests:
                  - name: greets
                    steps:
                      - say: "[start]"
                        expect: Welcome to Pizza Place.
                      - say: hi
                        expect: Hi there.
                  - name: remembers a name
                    steps:
                      - say: my name is Joe
                        expect: Nice to meet you, Joseph.
                        facts: ["UserName(Joe)", "not UserName(Ann)"]
                """
            _ = try await client.call(.post, "/studio/api/minds", ["name": "pizza", "source": .string(Self.pizza), "tests": .string(tests)])
            let run = try await client.call(.post, "/studio/api/minds/pizza/tests/run", [:])
            #expect(run.json?["passed"] == 1)
            #expect(run.json?["failed"] == 1)
            let failure = run.json?["results"]?.arrayValue?.dropFirst().first?["failures"]?.arrayValue?[0]
            #expect(failure?["expected"] == "\"Nice to meet you, Joseph.\"")
            #expect(failure?["actual"] == "\"Nice to meet you, Joe.\"")
            #expect(failure?["trace"]?["winner"] == "main.2")
            #expect(run.json?["coverage"]?["never"] == ["main.3"])
            let wins = run.json?["coverage"]?["rules"]?.arrayValue?.first { $0["id"] == "main.0" }
            #expect(wins?["wins"] == 1)
            #expect(wins?["line"] == 6)
            // Tests given in the body run instead, and their findings carry lines.
            let bad = try await client.call(.post, "/studio/api/minds/pizza/tests/run", ["tests": "tests:\n  - name: x\n    steps:\n      - sai: hi\n"])
            #expect(bad.json?["diagnostics"]?.arrayValue?.first?["line"] == 4)
        }
        try await server.stop()
    }

    @Test func publishedVersionsAnswerTheReplyAPIByNameNumberAndURL() async throws {
        let server = try await StudioServer.start()
        let port = server.port
        try await server.withClient { client in
            _ = try await client.call(.post, "/studio/api/minds", ["name": "pizza", "source": .string(Self.pizza)])
            let first = try await client.call(.post, "/studio/api/minds/pizza/publish", [:])
            #expect(first.status == .created)
            #expect(first.json?["version"] == 1)
            let url = try #require(first.json?["url"]?.stringValue)
            #expect(url == "http://127.0.0.1:\(port)/minds/pizza/versions/1")

            let second = Self.pizza.replacingOccurrences(of: "Sorry?", with: "Pardon?")
            _ = try await client.call(.put, "/studio/api/minds/pizza", ["source": .string(second)])
            #expect(try await client.call(.post, "/studio/api/minds/pizza/publish", [:]).json?["version"] == 2)

            func output(_ fields: KeyValuePairs<String, String>) async throws -> String? {
                let answer = try await client.reply(fields)
                return answer.json?["output"]?.stringValue
            }
            #expect(try await output(["input": "pineapple", "mind": "pizza@1"]) == "Sorry?")
            #expect(try await output(["input": "pineapple", "mind": "pizza@2"]) == "Pardon?")
            #expect(try await output(["input": "pineapple", "mind": "pizza"]) == "Pardon?")
            #expect(try await output(["input": "pineapple", "url": url]) == "Sorry?")
            #expect(try await output(["input": "pineapple", "url": "/minds/pizza/versions/2"]) == "Pardon?")
            // Any loopback name stands for another on the same port.
            #expect(try await output(["input": "pineapple", "url": "http://localhost:\(port)/minds/pizza/versions/1"]) == "Sorry?")
            #expect(try await client.reply(["input": "x", "mind": "pizza@9"]).errorCode == "unknown_mind")
            // Another host's URL of the same shape is a remote rulebase, which this server does not fetch.
            #expect(try await client.reply(["input": "x", "url": "http://example.org/minds/pizza/versions/1"]).status == .notFound)
            // A stateful user goes on across versions: the store key is the mind's name.
            _ = try await client.reply(["input": "my name is Joe", "mind": "pizza@1", "userid": "joe"])
            let source = try await client.http.send("/minds/pizza/versions/1")
            #expect(source.text == Self.pizza)
            #expect(source.headers[.contentType]?.hasPrefix("application/yaml") == true)

            let rollback = try await client.call(.post, "/studio/api/minds/pizza/publish", ["from": 1])
            #expect(rollback.json?["version"] == 3)
            #expect(rollback.json?["hash"] == first.json?["hash"])
            let versions = try await client.call(.get, "/studio/api/minds/pizza/versions").json?["versions"]?.arrayValue ?? []
            #expect(versions.compactMap { $0["version"]?.intValue } == [3, 2, 1])
            #expect(versions[0]["superseded"] == .null)
            #expect(versions[1]["retires"]?.stringValue != nil)
            #expect(try await client.call(.get, "/studio/api/minds/pizza/versions/2").json?["source"]?.stringValue == second)

            _ = try await client.call(.put, "/studio/api/minds/pizza", ["source": "mind: pizza\nversion: 1\nmodels: 3\n"])
            let refused = try await client.call(.post, "/studio/api/minds/pizza/publish", [:])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.json?["error"]?["details"]?.arrayValue?.first?["line"] == 3)
        }
        try await server.stop()
    }

    @Test func aSupersededVersionRetiresAfterTheKeepingTime() async throws {
        let server = try await StudioServer.start(keepVersions: 60)
        try await server.withClient { client in
            _ = try await client.call(.post, "/studio/api/minds", ["name": "pizza", "source": .string(Self.pizza)])
            _ = try await client.call(.post, "/studio/api/minds/pizza/publish", [:])
            #expect(try await client.reply(["input": "hi", "mind": "pizza@1"]).status == .ok)
            _ = try await client.call(.post, "/studio/api/minds/pizza/publish", [:])
            // Superseded, but within the keeping time.
            #expect(try await client.reply(["input": "hi", "mind": "pizza@1"]).status == .ok)
            server.clock.advance(by: 61)
            let retired = try await client.reply(["input": "hi", "mind": "pizza@1"])
            #expect(retired.status == .gone)
            #expect(retired.errorCode == "mind_retired")
            #expect(try await client.reply(["input": "hi", "url": "/minds/pizza/versions/1"]).status == .gone)
            #expect(try await client.reply(["input": "hi", "mind": "pizza@2"]).status == .ok)
        }
        try await server.stop()
    }

    @Test func theReviewCountsInputsNoRuleOrOnlyTheCatchAllAnswered() async throws {
        let server = try await StudioServer.start(replyOptions: ReplyAPIOptions(logStateless: true))
        try await server.withClient { client in
            _ = try await client.call(.post, "/studio/api/minds", ["name": "pizza", "source": .string(Self.pizza)])
            _ = try await client.call(.post, "/studio/api/minds/pizza/publish", [:])
            for (user, input) in [("a", "Do you deliver?"), ("b", "do you   DELIVER"), ("c", "hi"), ("a", "pineapple please")] {
                #expect(try await client.reply(["input": input, "mind": "pizza", "userid": user]).status == .ok)
            }
            // A stateless call, logged since --log-stateless is on.
            #expect(try await client.reply(["input": "do you deliver", "mind": "pizza", "data": "{}"]).status == .ok)
            let review = try await client.call(.get, "/studio/api/minds/pizza/review")
            #expect(review.json?["exchanges"] == 5)
            let unmatched = review.json?["unmatched"]?.arrayValue ?? []
            #expect(unmatched.compactMap { $0["text"]?.stringValue } == ["do you deliver", "pineapple please"])
            #expect(unmatched.first?["count"] == 3)
            #expect(unmatched.first?["rule"] == "main.3")
            let rules = review.json?["rules"]?.arrayValue ?? []
            #expect(rules.first { $0["id"] == "main.1" }?["wins"] == 1)
            #expect(rules.first { $0["id"] == "main.3" }?["wins"] == 4)
            // A later version whose ids shift: the earlier exchanges keep their meaning.
            let shifted = Self.pizza.replacingOccurrences(
                of: "      - {kind: respond, input: \"[start]\"",
                with: "      - {kind: respond, input: \"do you deliver\", say: \"We do.\"}\n      - {kind: respond, input: \"[start]\"")
            _ = try await client.call(.put, "/studio/api/minds/pizza", ["source": .string(shifted)])
            _ = try await client.call(.post, "/studio/api/minds/pizza/publish", [:])
            #expect(try await client.reply(["input": "hi", "mind": "pizza", "userid": "d"]).status == .ok)
            let later = try await client.call(.get, "/studio/api/minds/pizza/review")
            #expect(later.json?["version"] == 2)
            #expect(later.json?["unmatched"]?.arrayValue?.compactMap { $0["text"]?.stringValue } == ["do you deliver", "pineapple please"])
            // Wins count what version 2 answered: "hi", by its main.2 (version 1's main.1).
            let laterRules = later.json?["rules"]?.arrayValue ?? []
            #expect(laterRules.first { $0["id"] == "main.2" }?["wins"] == 1)
            #expect(laterRules.first { $0["id"] == "main.4" }?["wins"] == 0)
            let empty = try await client.call(.get, "/studio/api/minds/pizza/review?since=2020-01-01&until=2020-01-02")
            #expect(empty.json?["exchanges"] == 0)
            #expect(try await client.call(.get, "/studio/api/minds/pizza/review?since=yesterday").status == .badRequest)
            // A minds-folder mind has a review too.
            #expect(try await client.call(.get, "/studio/api/minds/greeter/review").status == .ok)
        }
        try await server.stop()
    }

    @Test func unknownPathsUnderTheJSONAPIsAnswerJSON() async throws {
        let server = try await StudioServer.start()
        try await server.withClient { client in
            for path in ["/users", "/users/joe/history", "/users/joe/transcript/extra", "/studio/api/nope", "/studio/api/minds/a/b/c"] {
                let answer = try await client.call(.get, path)
                #expect(answer.status == .notFound, "\(path)")
                #expect(answer.errorCode == "not_found", "\(path)")
            }
            // A path with other methods still says which.
            #expect(try await client.call(.get, "/users/joe").errorCode == "method_not_allowed")
        }
        try await server.stop()
    }

    @Test func largeMindsAreAcceptedUpToTheStudioLimit() async throws {
        let server = try await StudioServer.start()
        try await server.withClient { client in
            var rules = ""
            for index in 0..<3600 { rules += "      - {kind: respond, input: \"question number \(index)\", say: \"Answer \(index).\"}\n" }
            let source = "mind: big\nversion: 1\nmodels:\n  - name: main\n    rules:\n" + rules
            #expect(source.utf8.count > 256 * 1024)
            let check = try await client.call(.post, "/studio/api/check", ["source": .string(source), "outline": false])
            #expect(check.status == .ok)
            #expect(check.json?["diagnostics"]?.arrayValue?.contains { $0["severity"] == "error" } == false)
            #expect(check.json?["outline"] == nil)
            let huge = String(repeating: "#", count: 9 * 1024 * 1024)
            let refused = try await client.call(.post, "/studio/api/check", ["source": .string(huge)])
            #expect(refused.status == .contentTooLarge)
            // The reply API keeps its own, smaller limit.
            #expect(try await client.http.send("/reply", method: .post, body: String(repeating: "a", count: 300_000)).status == .contentTooLarge)
        }
        try await server.stop()
    }
}
