import Foundation
import HTTPTypes
import ParleyServer
import Testing

@Suite("HTTP routes: CORS allow-list")
struct ReplyAPICORSTests {
    @Test("preflights from allowed origins are answered; others get 403 and no CORS headers")
    func preflight() async throws {
        let server = try await ReplyServer.start(corsOrigins: ["https://app.example.com", "http://localhost:8080/"])
        try await server.withClient { client async throws in
            let allowed = try await client.send(
                "/reply", method: .options,
                headers: [.origin: "https://app.example.com", .accessControlRequestMethod: "POST",
                          .accessControlRequestHeaders: "content-type, authorization"])
            #expect(allowed.status == .noContent)
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://app.example.com")
            #expect(allowed.headers[.accessControlAllowMethods]?.contains("POST") == true)
            #expect(allowed.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            let trailingSlashConfigured = try await client.send(
                "/users/u1", method: .options,
                headers: [.origin: "http://localhost:8080", .accessControlRequestMethod: "DELETE"])
            #expect(trailingSlashConfigured.headers[.accessControlAllowOrigin] == "http://localhost:8080")

            let refused = try await client.send(
                "/reply", method: .options, headers: [.origin: "https://evil.example.net", .accessControlRequestMethod: "POST"])
            #expect(refused.status == .forbidden)
            #expect(refused.errorCode == "origin_not_allowed")
            #expect(refused.headers[.accessControlAllowOrigin] == nil)
            let otherPort = try await client.send(
                "/reply", method: .options, headers: [.origin: "http://localhost:8081", .accessControlRequestMethod: "POST"])
            #expect(otherPort.status == .forbidden)
        }
        try await server.stop()
    }

    @Test("responses to allowed origins carry Access-Control-Allow-Origin; other origins are refused; no Origin passes")
    func actualRequests() async throws {
        let server = try await ReplyServer.start(corsOrigins: ["https://app.example.com"])
        try await server.withClient { client async throws in
            let allowed = try await client.reply(["input": "hi"], headers: [.origin: "https://app.example.com"])
            #expect(allowed.status == .ok)
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://app.example.com")
            #expect(allowed.headers[.vary]?.contains("Origin") == true)
            let error = try await client.reply(["mind": "demo"], headers: [.origin: "https://app.example.com"])
            #expect(error.errorCode == "missing_input")
            #expect(error.headers[.accessControlAllowOrigin] == "https://app.example.com")

            let refused = try await client.reply(["input": "hi"], headers: [.origin: "https://evil.example.net"])
            #expect(refused.status == .forbidden)
            #expect(refused.headers[.accessControlAllowOrigin] == nil)
            #expect(try await client.send("/users/u1", method: .delete, headers: [.origin: "null"]).status == .forbidden)

            let plain = try await client.reply(["input": "hi"])
            #expect(plain.status == .ok)
            #expect(plain.headers[.accessControlAllowOrigin] == nil)
        }
        try await server.stop()
    }

    @Test("the server's own origin is always allowed")
    func ownOrigin() async throws {
        let server = try await ReplyServer.start()
        try await server.withClient { client async throws in
            let own = "127.0.0.1:\(server.port)"
            let answer = try await client.send(
                "/reply?input=hi", headers: [.origin: "http://\(own)"], authority: own)
            #expect(answer.status == .ok)
            #expect(answer.headers[.accessControlAllowOrigin] == "http://\(own)")
            let preflight = try await client.send(
                "/reply", method: .options, headers: [.origin: "http://\(own)", .accessControlRequestMethod: "POST"],
                authority: own)
            #expect(preflight.status == .noContent)
            let elsewhere = try await client.send(
                "/reply?input=hi", headers: [.origin: "http://127.0.0.1:1"], authority: own)
            #expect(elsewhere.status == .forbidden)
        }
        try await server.stop()
    }
}
