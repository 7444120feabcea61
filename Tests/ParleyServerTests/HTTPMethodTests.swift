import HTTPTypes
import ParleyServer
import Testing

@Suite("HTTP methods: 405 with Allow on known paths, 404 elsewhere, HEAD wherever GET")
struct HTTPMethodTests {
    @Test("an undeclared method on a known path gets 405 method_not_allowed with the path's methods in Allow")
    func methodNotAllowed() async throws {
        let server = try await ReplyServer.start()
        try await server.withClient { client async throws in
            let cases: [(HTTPRequest.Method, String, String)] = [
                (.post, "/health", "GET, HEAD"),
                (.put, "/reply", "GET, POST"),
                (.get, "/users/u1", "DELETE"),
                (.delete, "/users/u1/transcript", "GET, HEAD"),
                (.post, "/websocket", "GET"),
                (.delete, "/", "GET, HEAD"),
                (.patch, "/bot/bot.js", "GET, HEAD"),
                (.options, "/metrics", "GET, HEAD"),
            ]
            for (method, path, allow) in cases {
                let answer = try await client.send(path, method: method)
                #expect(answer.status == .methodNotAllowed, "\(method) \(path)")
                #expect(answer.headers[.allow] == allow, "\(method) \(path)")
                #expect(answer.errorCode == "method_not_allowed", "\(method) \(path)")
            }
            for path in ["/nosuch", "/users/u1/transcript/more", "/bot/nosuch.js"] {
                #expect(try await client.send(path, method: .post).status == .notFound, "\(path)")
                #expect(try await client.send(path).status == .notFound, "\(path)")
            }
        }
        try await server.stop()
    }

    @Test("HEAD answers as GET without a body; a CORS preflight is still answered by the allow-list")
    func headAndPreflight() async throws {
        let server = try await ReplyServer.start(corsOrigins: ["https://app.example"])
        try await server.withClient { client async throws in
            let head = try await client.send("/health", method: .head)
            #expect(head.status == .ok)
            #expect(head.text.isEmpty)
            #expect(try await client.send("/bot/", method: .head).headers[.contentType] == "text/html; charset=utf-8")
            let preflight = try await client.send(
                "/reply", method: .options,
                headers: [.origin: "https://app.example", .accessControlRequestMethod: "POST"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "https://app.example")
        }
        try await server.stop()
    }

    @Test("HEAD /reply takes no turn: 405 with Allow GET, POST, and nothing stored")
    func headTakesNoTurn() async throws {
        let server = try await ReplyServer.start()
        try await server.withClient { client async throws in
            let head = try await client.send("/reply?userid=prefetch&input=hello", method: .head)
            #expect(head.status == .methodNotAllowed)
            #expect(head.headers[.allow] == "GET, POST")
            let transcript = try await client.send("/users/prefetch/transcript")
            #expect(transcript.status == .ok)
            #expect(!transcript.text.contains("hello"), "\(transcript.text)")
            #expect(try await client.send("/reply?userid=prefetch&input=hello").status == .ok)
            #expect(try await client.send("/users/prefetch/transcript").text.contains("hello"))
        }
        try await server.stop()
    }
}
