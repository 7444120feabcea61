import Foundation
import HTTPTypes
import ParleyServer
import Testing

@Suite("HTTP routes: 256 KiB body limit on every route")
struct ServerBodyLimitTests {
    static let limit = 256 * 1024

    @Test("a declared body over 256 KiB gets 413 body_too_large on every route, before any handler runs")
    func declaredLength() async throws {
        let server = try await ReplyServer.start()
        try await server.withClient { client async throws in
            let big = String(repeating: "a", count: Self.limit + 1)
            for (path, method) in [
                ("/reply", HTTPRequest.Method.post), ("/reply?input=hi", .get), ("/health", .get), ("/metrics", .get),
                ("/users/u1/transcript", .get), ("/users/u1", .delete), ("/no/such/route", .post),
            ] {
                let answer = try await client.send(path, method: method, body: big)
                #expect(answer.status == .contentTooLarge, "\(method) \(path)")
                #expect(answer.errorCode == "body_too_large", "\(method) \(path)")
            }
            let fits = String(repeating: "a", count: Self.limit - "input=hi&pad=".utf8.count)
            #expect(try await client.send(
                "/reply", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: "input=hi&pad=" + fits).status == .ok)
            #expect(try await client.send("/health", method: .get, body: fits).status == .ok)
        }
        try await server.stop()
    }

    @Test("a chunked body without Content-Length is cut off at 256 KiB too")
    func chunked() async throws {
        let server = try await ReplyServer.start()
        for path in ["/reply", "/health", "/users/u1/transcript"] {
            let answer = try await RawHTTPConnection.exchange(
                port: server.port, request: RawHTTPConnection.chunkedPost(path: path, bodyBytes: Self.limit + 10))
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(path): \(answer.prefix(200))")
            #expect(answer.contains("body_too_large"), "\(path)")
        }
        let small = try await RawHTTPConnection.exchange(
            port: server.port, request: RawHTTPConnection.chunkedPost(path: "/reply", bodyBytes: 1000))
        #expect(small.hasPrefix("HTTP/1.1 400"), "a small chunked body is read: \(small.prefix(200))")
        #expect(small.contains("missing_input"))
        try await server.stop()
    }
}
