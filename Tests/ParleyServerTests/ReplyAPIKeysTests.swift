import Foundation
import HTTPTypes
import ParleyServer
import Testing

@Suite("Reply API: API keys")
struct ReplyAPIKeysTests {
    @Test("with keys configured, /reply and /users/* need a key: missing and wrong keys are told apart")
    func keysRequired() async throws {
        let server = try await ReplyServer.start(options: ReplyAPIOptions(keys: try APIKeys(["k1-secret", "k2-secret"])))
        try await server.withClient { client async throws in
            let missing = try await client.reply(["input": "hi"])
            #expect(missing.status == .unauthorized)
            #expect(missing.errorCode == "bad_key")
            #expect(missing.errorMessage?.contains("needs an API key") == true)
            let wrong = try await client.reply(["input": "hi", "key": "k1-secreT"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.errorCode == "bad_key")
            #expect(wrong.errorMessage?.contains("not valid") == true)
            #expect(try await client.reply(["input": "hi", "key": "k1-secret"]).status == .ok)
            #expect(try await client.reply(["input": "hi", "key": "k2-secret"]).status == .ok)
            #expect(try await client.reply(["input": "hi", "key": "k2-secret-longer"]).status == .unauthorized)
            #expect(try await client.reply(["input": "hi"], headers: [.authorization: "Bearer k2-secret"]).status == .ok)
            #expect(try await client.reply(["input": "hi"], headers: [.authorization: "Bearer nope"]).status == .unauthorized)
            let json = try await client.send(
                "/reply", method: .post, headers: [.contentType: "application/json"],
                body: #"{"input": "hi", "key": "k1-secret"}"#)
            #expect(json.status == .ok)
            #expect(try await client.send("/reply?userid=u1&input=hi").errorCode == "bad_key")
            #expect(try await client.send("/reply?userid=u1&input=hi&key=k1-secret").status == .ok)

            #expect(try await client.send("/users/u1/transcript").status == .unauthorized)
            #expect(try await client.send("/users/u1/transcript?key=wrong").errorCode == "bad_key")
            let transcript = try await client.send("/users/u1/transcript?key=k1-secret")
            #expect(transcript.status == .ok)
            #expect(transcript.exchanges?.count == 1)
            #expect(try await client.send("/users/u1", method: .delete).status == .unauthorized)
            #expect(try await client.send("/users/u1", method: .delete, headers: [.authorization: "Bearer k2-secret"]).status == .noContent)
            // Health and metrics stay open.
            #expect(try await client.send("/health").status == .ok)
            #expect(try await client.send("/metrics").status == .ok)
        }
        try await server.stop()
    }

    @Test("without keys the API is open")
    func openWithoutKeys() async throws {
        let server = try await ReplyServer.start()
        try await server.withClient { client async throws in
            #expect(try await client.reply(["input": "hi"]).status == .ok)
            #expect(try await client.reply(["input": "hi", "key": "anything"]).status == .ok)
            #expect(try await client.send("/users/u1/transcript").status == .ok)
        }
        try await server.stop()
    }

    @Test("keys files: one key per line, comments and blank lines skipped, bad lines named by file and line")
    func keysFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func file(_ name: String, _ text: String) throws -> String {
            let path = directory.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let good = try file("good", "# production keys\n\n  alpha-1  \nbeta_2\n   # indented comment\n")
        #expect(try APIKeys.load(file: good) == ["alpha-1", "beta_2"])
        let keys = try APIKeys(try APIKeys.load(file: good))
        #expect(keys.accepts("beta_2"))
        #expect(!keys.accepts("beta_"))
        #expect(!keys.accepts(""))

        let bad = try file("bad", "alpha\n# fine\nhas space\n")
        #expect(throws: APIKeysError.invalidLine(
            path: bad, line: 3, problem: "the key contains U+0020; use visible ASCII characters without spaces")) {
            try APIKeys.load(file: bad)
        }
        let empty = try file("empty", "# nothing yet\n\n")
        #expect(throws: APIKeysError.noKeys(path: empty)) { try APIKeys.load(file: empty) }
        let missing = directory.appendingPathComponent("missing").path
        #expect { try APIKeys.load(file: missing) } throws: { error in
            guard case .unreadableFile(let path, _)? = error as? APIKeysError else { return false }
            return path == missing
        }
        #expect(throws: APIKeysError.self) { try APIKeys(["fine", "caf\u{E9}"]) }
        #expect(throws: APIKeysError.self) { try APIKeys([String(repeating: "k", count: 257)]) }
    }
}
