import Foundation
import HTTPTypes
import ParleyServer
import ParleyStore
import Testing
import Yams

/// `openapi.yaml` at the repository root against a running server's routes.
@Suite("openapi.yaml describes every route")
struct OpenAPIDocumentTests {
    static let document: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("openapi.yaml")

    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The documented operations as `METHOD /path`, and the responses of each.
    static func operations() throws -> [String: Set<String>] {
        let yaml = try #require(try Yams.load(yaml: String(contentsOf: document, encoding: .utf8)) as? [String: Any])
        let paths = try #require(yaml["paths"] as? [String: Any])
        var operations: [String: Set<String>] = [:]
        for (path, item) in paths {
            let item = try #require(item as? [String: Any], "\(path)")
            for (method, operation) in item where methods.contains(method) {
                let responses = try #require((operation as? [String: Any])?["responses"] as? [String: Any], "\(method) \(path)")
                operations["\(method.uppercased()) \(path)"] = Set(responses.keys)
            }
        }
        return operations
    }

    /// `METHOD /path/` as `METHOD /path`; the root stays `/`.
    static func withoutTrailingSlash(_ operation: String) -> String {
        operation.hasSuffix("/") && !operation.hasSuffix(" /") ? String(operation.dropLast()) : operation
    }

    /// Messenger on, so that its webhook is among the routes; nothing is ever sent to the Graph URL.
    static let messenger = MessengerTestServer.options(graphURL: "http://127.0.0.1:9/graph")

    @Test("the documented operations are exactly the router's routes, HEAD wherever GET, and preflights on route paths")
    func sameRoutes() async throws {
        let operations = Set(try Self.operations().keys)
        let server = try await ReplyServer.start(messenger: Self.messenger)
        let routes = Set(server.server.routes)
        try await server.stop()
        // A trailing slash is ignored (`/bot/` is `/bot`); CORS preflights are answered on any path.
        let documented = Set(operations.filter { !$0.hasPrefix("OPTIONS ") }.map(Self.withoutTrailingSlash))
        var expected = routes
        // HEAD /reply would take a turn: it is refused (405).
        for route in routes where route.hasPrefix("GET ") && route != "GET /websocket" && route != "GET /reply" {
            expected.insert("HEAD " + route.dropFirst("GET ".count))
        }
        #expect(expected.subtracting(documented).isEmpty, "routes missing from openapi.yaml")
        #expect(documented.subtracting(expected).isEmpty, "documented routes the server lacks")
        let routePaths = Set(routes.map { $0.split(separator: " ")[1] })
        for preflight in operations where preflight.hasPrefix("OPTIONS ") {
            #expect(routePaths.contains(preflight.split(separator: " ")[1]), "\(preflight) is not on a route's path")
        }
        #expect(routes.contains("POST /reply") && routes.contains("GET /websocket") && routes.contains("GET /bot")
                    && routes.contains("POST /messenger/webhook"),
                "\(routes.sorted())")
    }

    @Test("every documented operation answers on a live server (not 404 or 405), with a documented status")
    func everyOperationAnswers() async throws {
        let operations = try Self.operations()
        let server = try await ReplyServer.start(messenger: Self.messenger)
        for (operation, responses) in operations.sorted(by: { $0.key < $1.key }) {
            let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
            let path = Self.example(parts[1])
            // The studio's paths name a studio mind with a published version (made again after DELETE).
            if parts[1].contains("{mind}") { try await Self.publishStudioMind(on: server) }
            // The review app's paths name a recorded conversation and its person (made again after an erase).
            if parts[1].contains("{world}") || parts[1].contains("{person}") {
                try await server.worldStore.saveConversation(
                    ConversationRecord(
                        worldID: "openapi-world", task: "echo", world: "EchoWorld", role: .task,
                        participants: [ConversationParticipant(id: "openapi-person", name: "Ann", kind: .person)], started: Date()))
            }
            // The live event stream never ends: its first line is read instead of its whole body.
            if parts[1] == "/admin/api/live/events" {
                let raw = try RawClient(port: server.port)
                _ = await raw.send("\(parts[0]) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n\r\n")
                let status = try await raw.readHead().split(separator: " ").dropFirst().first.map(String.init) ?? ""

                #expect(responses.contains(status), "\(operation) answered an undocumented \(status)")
                continue
            }
            if responses.contains("101") {
                let client = try await WebSocketTestClient.connect(port: server.port, path: path)
                await client.close()
                continue
            }
            let method = HTTPRequest.Method(parts[0])!
            // Preflights come from a page of the server's own origin.
            let own = "127.0.0.1:\(server.port)"
            let preflight: HTTPFields = method == .options ? [.origin: "http://" + own, .accessControlRequestMethod: "POST"] : [:]
            let answer = try await server.withClient { client async throws in
                try await client.send(path, method: method, headers: preflight, authority: own)
            }
            #expect(![404, 405].contains(answer.status.code), "\(operation): \(answer.status)")
            #expect(responses.contains(String(answer.status.code)), "\(operation) answered an undocumented \(answer.status)")
        }
        try await server.stop()
    }

    @Test("a method a documented path lacks gets 405 with the path's documented methods (preflights aside) in Allow")
    func undocumentedMethods() async throws {
        var methods: [String: Set<String>] = [:]
        for operation in try Self.operations().keys {
            let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
            if parts[0] != "OPTIONS" { methods[parts[1], default: []].insert(parts[0]) }
        }
        let server = try await ReplyServer.start(messenger: Self.messenger)
        for (path, documented) in methods.sorted(by: { $0.key < $1.key }) {
            let answer = try await server.withClient { client async throws in
                try await client.send(Self.example(path), method: .patch)
            }
            #expect(answer.status == .methodNotAllowed, "PATCH \(path)")
            let allowed = answer.headers[.allow]?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(Set(allowed ?? []) == documented, "PATCH \(path): Allow \(answer.headers[.allow] ?? "missing")")
        }
        try await server.stop()
    }

    /// A documented path with its parameters filled in: a user, a page of the manual, a studio mind, version 1,
    /// a recorded conversation and its person.
    static func example(_ path: String) -> String {
        path.replacingOccurrences(of: "{userid}", with: "openapi-user").replacingOccurrences(of: "{name}", with: "getting-started")
            .replacingOccurrences(of: "{mind}", with: "openapi-mind").replacingOccurrences(of: "{number}", with: "1")
            .replacingOccurrences(of: "{world}", with: "openapi-world").replacingOccurrences(of: "{person}", with: "openapi-person")
    }

    /// Makes the studio mind `openapi-mind` with version 1, unless it is there.
    static func publishStudioMind(on server: ReplyServer) async throws {
        try await server.withClient { client async throws in
            let own = "127.0.0.1:\(server.port)"
            guard try await client.send("/studio/api/minds/openapi-mind", authority: own).status == .notFound else { return }
            let json: HTTPFields = [.contentType: "application/json"]
            let created = try await client.send(
                "/studio/api/minds", method: .post, headers: json, body: #"{"name": "openapi-mind"}"#, authority: own)
            #expect(created.status == .created)
            let published = try await client.send(
                "/studio/api/minds/openapi-mind/publish", method: .post, headers: json, body: "{}", authority: own)
            #expect(published.status == .created)
        }
    }

    @Test("the error schema lists every code of docs/reply-api.md")
    func errorCodes() throws {
        let yaml = try #require(try Yams.load(yaml: String(contentsOf: Self.document, encoding: .utf8)) as? [String: Any])
        let schemas = (yaml["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let error = ((schemas?["Error"] as? [String: Any])?["properties"] as? [String: Any])?["error"] as? [String: Any]
        let code = (error?["properties"] as? [String: Any])?["code"] as? [String: Any]
        let codes = Set(try #require(code?["enum"] as? [String]))
        let sectionFive: Set<String> = [
            "missing_input", "invalid_data", "invalid_userid", "input_too_long", "bad_key", "unknown_mind",
            "body_too_large", "invalid_rulebase", "data_too_large", "rate_limited", "rulebase_unreachable",
        ]
        #expect(sectionFive.subtracting(codes).isEmpty)
    }
}
