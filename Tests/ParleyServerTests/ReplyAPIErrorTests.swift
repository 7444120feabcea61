import Foundation
import HTTPTypes
import ParleyCore
import ParleyMind
import ParleyServer
import ParleyStore
import Testing

@Suite("Reply API: errors")
struct ReplyAPIErrorTests {
    func withServer(_ body: @Sendable (ReplyAPIClient, URL, SQLiteStore) async throws -> Void) async throws {
        let folder = try ReplyAPIFixtureMinds.folder()
        let store = try SQLiteStore.temporary()
        let library = try ReplyAPIHarness.library(
            folder, named: [("demo", folder.appendingPathComponent("seed-demo.yaml").path)])
        let api = ReplyAPI(minds: library, store: store, logger: ReplyAPIHarness.logger)
        try await ReplyAPIHarness.serve(api) { client in try await body(client, folder, store) }
        try store.close()
    }

    /// Expects an error answer with `status` and `code` and a message.
    func expectError(
        _ answer: ReplyAPIClient.Answer, _ status: HTTPResponse.Status, _ code: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(answer.status == status, sourceLocation: sourceLocation)
        #expect(answer.errorCode == code, "\(answer.json)", sourceLocation: sourceLocation)
        #expect(answer.json["error"]?["message"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
    }

    @Test("400 missing_input, input_too_long, invalid_data")
    func badFields() async throws {
        try await withServer { client, _, _ in
            expectError(try await client.post(form: ["mind": "seed-demo"]), .badRequest, "missing_input")
            expectError(try await client.post(json: ["mind": "seed-demo"]), .badRequest, "missing_input")
            expectError(try await client.get("/reply", query: ["userid": "u1"]), .badRequest, "missing_input")
            let long = String(repeating: "a", count: 4097)
            expectError(try await client.post(form: ["input": long, "mind": "seed-demo"]), .badRequest, "input_too_long")
            expectError(try await client.say(long, as: uniqueUserID()), .badRequest, "input_too_long")
            #expect(try await client.post(form: ["input": String(repeating: "a", count: 4096), "mind": "seed-demo"]).status == .ok)
            let notJSON = try await client.post(form: ["input": "hi", "mind": "seed-demo", "data": "{not json"])
            expectError(notJSON, .badRequest, "invalid_data")
            #expect(notJSON.json["error"]?["message"]?.stringValue == "invalid data: data is not valid JSON (line 1, column 2: expected a quoted key)")
            expectError(try await client.post(json: ["input": "hi", "mind": "seed-demo", "data": [1, 2]]),
                        .badRequest, "invalid_data")
            expectError(try await client.post(json: ["input": "hi", "mind": "seed-demo", "data": ["v": 7]]),
                        .badRequest, "invalid_data")
        }
    }

    @Test("400 invalid_userid: empty, too long, or characters outside letters, digits and . _ : @ -")
    func badUserIDs() async throws {
        try await withServer { client, _, _ in
            for userID in ["", String(repeating: "u", count: 129), "a b", "../etc", "a/b", "é", "x%"] {
                expectError(try await client.say("hi", as: userID), .badRequest, "invalid_userid")
            }
            #expect(try await client.say("hi", as: "A.b_c:d@e-1" + String(repeating: "u", count: 117)).status == .ok)
            expectError(try await client.get("/users/a%20b/transcript"), .badRequest, "invalid_userid")
            expectError(try await client.send("/users/a%2Fb", method: .delete), .badRequest, "invalid_userid")
            // The character is shown as text, with its code point; never as a Swift escape.
            let accented = try await client.say("hi", as: "caf\u{E9}")
            #expect(accented.json["error"]?["message"]?.stringValue?.contains("\"\u{E9}\" (U+00E9)") == true)
            #expect(accented.json["error"]?["message"]?.stringValue?.contains("\\u{") == false)
        }
    }

    @Test("a JSON field set to null counts as missing: data null with a userid is a stateful call")
    func nullDataIsNoData() async throws {
        try await withServer { client, _, _ in
            let answer = try await client.post(json: ["input": "hi", "mind": "seed-demo", "userid": "null-data", "data": nil])
            #expect(answer.status == .ok)
            #expect(answer.json["output"] != nil)
            #expect(answer.json["data"] == nil)
        }
    }

    @Test("404 unknown_mind: unknown names and file: URLs outside the minds folder")
    func unknownMind() async throws {
        try await withServer { client, folder, _ in
            expectError(try await client.post(form: ["input": "hi", "mind": "nosuch"]), .notFound, "unknown_mind")
            expectError(try await client.say("hi", as: uniqueUserID(), mind: "nosuch"), .notFound, "unknown_mind")
            let outside = folder.absoluteString + "../../etc/passwd"
            expectError(try await client.post(form: ["input": "hi", "url": outside]), .notFound, "unknown_mind")
            expectError(try await client.post(form: ["input": "hi", "url": "file:///etc/passwd"]), .notFound, "unknown_mind")
        }
    }

    @Test("file: URLs outside the minds folder get one answer whether the path exists or not")
    func outsideFolderDoesNotTellExistence() async throws {
        try await withServer { client, folder, _ in
            let parent = folder.deletingLastPathComponent()
            try ReplyAPIFixtureMinds.seedDemo.write(
                to: parent.appendingPathComponent("outside.yaml"), atomically: true, encoding: .utf8)
            // An operator's link to a folder elsewhere must not become a probe either.
            try FileManager.default.createSymbolicLink(
                at: folder.appendingPathComponent("elsewhere"), withDestinationURL: parent)
            /// The status, code and message, with the URL itself taken out of the message.
            func answer(_ url: String) async throws -> String {
                let answer = try await client.post(form: ["input": "hi", "url": url])
                let message = answer.json["error"]?["message"]?.stringValue ?? ""
                return "\(answer.status.code) \(answer.errorCode ?? "") \(message.replacingOccurrences(of: url, with: "URL"))"
            }
            let pairs: [(existing: String, missing: String)] = [
                (parent.appendingPathComponent("outside.yaml").absoluteString,
                 parent.appendingPathComponent("missing.yaml").absoluteString),
                ("file:../outside.yaml", "file:../missing.yaml"),
                (parent.absoluteString, parent.appendingPathComponent("missing-folder/").absoluteString),
                ("file:///etc/passwd", "file:///etc/no-such-parley-file"),
                ("file:elsewhere/outside.yaml", "file:elsewhere/missing.yaml"),
            ]
            for (existing, missing) in pairs {
                let (found, notFound) = (try await answer(existing), try await answer(missing))
                #expect(found.hasPrefix("404 unknown_mind "), "\(existing): \(found)")
                #expect(found == notFound, "\(existing) and \(missing) are told apart")
            }
            #expect(try await answer("file:nosuch.yaml") == (try await answer("file:../outside.yaml")))
        }
    }

    @Test("413 body_too_large over 256 KiB")
    func bodyTooLarge() async throws {
        try await withServer { client, _, _ in
            let big = String(repeating: "a", count: 256 * 1024)
            expectError(try await client.post(form: ["input": "hi", "mind": "seed-demo", "pad": big]),
                        .contentTooLarge, "body_too_large")
            #expect(try await client.post(form: ["input": "hi", "mind": "seed-demo"]).status == .ok)
        }
    }

    @Test("422 invalid_rulebase with the diagnostics as details")
    func invalidRulebase() async throws {
        try await withServer { client, folder, _ in
            let file = folder.appendingPathComponent("broken.yaml")
            try ReplyAPIFixtureMinds.broken.write(to: file, atomically: true, encoding: .utf8)
            let answer = try await client.post(form: ["input": "hi", "url": file.absoluteString])
            expectError(answer, .unprocessableContent, "invalid_rulebase")
            let details = try #require(answer.json["error"]?["details"])
            guard case .array(let list) = details else {
                Issue.record("details is not a list: \(details)")
                return
            }
            #expect(list.contains { $0["message"]?.stringValue?.contains("nosuchconcept") == true })
            #expect(list.allSatisfy { $0["path"] != nil && $0["severity"] != nil })
        }
    }

    @Test("422 data_too_large: the new data would outgrow 64 KiB")
    func dataTooLarge() async throws {
        try await withServer { client, _, _ in
            // World facts making the data just under 64 KiB; the turn's history pushes it over.
            var data = JSONValue.object(["world": .string("Big(\"\(String(repeating: "x", count: 65_300))\")")])
            let size = try ConversationData(json: data).jsonText.utf8.count
            #expect(size < MindError.maximumDataBytes)
            data = ["world": .string("Big(\"\(String(repeating: "x", count: 65_300 + MindError.maximumDataBytes - size - 10))\")")]
            expectError(try await client.post(json: ["input": "hello", "mind": "seed-demo", "data": data]),
                        .unprocessableContent, "data_too_large")
        }
    }

    @Test("404 unknown_mind for http(s) URLs, none being allowed")
    func notAllowed() async throws {
        try await withServer { client, _, _ in
            let answer = try await client.post(form: ["input": "hi", "url": "http://127.0.0.1:9/mind.yaml"])
            expectError(answer, .notFound, "unknown_mind")
            #expect(answer.json["error"]?["message"]?.stringValue?.contains("not allowed") == true)
        }
    }

    @Test("400 for malformed bodies, both mind and url, and bad paging; 415 for other content types")
    func malformed() async throws {
        try await withServer { client, _, _ in
            let json: HTTPFields = [.contentType: "application/json"]
            let cut = try await client.send("/reply", method: .post, headers: json, body: "{\"input\": ")
            expectError(cut, .badRequest, "invalid_request")
            #expect(cut.json["error"]?["message"]?.stringValue == "the body is not valid JSON (line 1, column 11: unexpected end of the text)")
            expectError(try await client.send("/reply", method: .post, headers: json, body: "[\"hello\"]"),
                        .badRequest, "invalid_request")
            expectError(try await client.send("/reply", method: .post, headers: json, body: "{\"input\": 3}"),
                        .badRequest, "invalid_request")
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            expectError(try await client.send("/reply", method: .post, headers: form, body: "input=%zz"),
                        .badRequest, "invalid_request")
            expectError(try await client.send("/reply", method: .post, headers: [.contentType: "text/plain"], body: "hi"),
                        .unsupportedMediaType, "invalid_request")
            expectError(try await client.post(form: ["input": "hi", "mind": "seed-demo", "url": "file:greeter.json"]),
                        .badRequest, "invalid_request")
            expectError(try await client.get("/users/u1/transcript", query: ["limit": "0"]), .badRequest, "invalid_request")
            expectError(try await client.get("/users/u1/transcript", query: ["after": "x"]), .badRequest, "invalid_request")
        }
    }

    @Test("a failed stateful turn stores nothing: the next one still starts the user")
    func nothingStored() async throws {
        try await withServer { client, _, store in
            let user = uniqueUserID()
            expectError(try await client.say(String(repeating: "a", count: 5000), as: user, mind: "greeter"),
                        .badRequest, "input_too_long")
            #expect(try await store.transcript(mind: nil, userID: user, after: nil, limit: 10).isEmpty)
            #expect(try await client.say("hi", as: user, mind: "greeter").output == "Nice to meet you. Go on.")
        }
    }
}
