import Foundation
import Hummingbird
import ParleyCore
import ParleyServer
import ParleyStore
import Testing

@Suite("Reply API: remote rulebases")
struct ReplyAPIRemoteRulebaseTests {
    /// A rulebase host: greeter and broken rulebases under /minds/, a private one outside it,
    /// and answers that are too large, slow or redirected.
    static func routes(_ upstream: UpstreamServer, arrived: TestGate? = nil, release: TestGate? = nil)
        -> (Router<BasicRequestContext>) -> Void
    {
        { router in
            router.get("minds/greeter.json") { _, _ in ReplyAPIFixtureMinds.greeter }
            router.get("minds/broken.yaml") { _, _ in ReplyAPIFixtureMinds.broken }
            router.get("private/greeter.json") { _, _ in ReplyAPIFixtureMinds.greeter }
            router.get("minds/big.json") { _, _ in
                Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(repeating: 0x20, count: 64 * 1024)))
            }
            router.get("minds/streamed.json") { _, _ in
                let chunks = Array(repeating: ByteBuffer(repeating: 0x20, count: 1024), count: 64)
                return Response(status: .ok, body: ResponseBody(contentsOf: chunks))
            }
            router.get("minds/slow.json") { _, _ in
                await upstream.gate.wait()
                return ReplyAPIFixtureMinds.greeter
            }
            router.get("minds/held.json") { _, _ in
                arrived?.open()
                await release?.wait()
                return ReplyAPIFixtureMinds.greeter
            }
            router.get("minds/moved.json") { _, _ in
                Response(status: .found, headers: [.location: "/minds/greeter.json"])
            }
            router.get("minds/escape.json") { _, _ in
                Response(status: .found, headers: [.location: "/private/greeter.json"])
            }
        }
    }

    /// A library allowing `base/minds/`, with a fetch limit of 4 KiB and `timeout` (long, but for
    /// the test of slow hosts).
    static func library(allowing base: String, timeout: Duration = .seconds(60)) throws -> MindLibrary {
        try MindLibrary(
            named: [], mindsDirectory: ReplyAPIFixtureMinds.folder().path, cacheSize: 8,
            remote: RemoteRulebaseOptions(allowedPrefixes: [base + "/minds/"], timeout: timeout, maximumBytes: 4096),
            logger: ReplyAPIHarness.logger)
    }

    /// The error `library` throws for `url`, or nil when it serves a mind.
    static func error(_ library: MindLibrary, _ url: String) async -> MindLibraryError? {
        do {
            _ = try await library.mind(url: url)
            return nil
        } catch {
            return error
        }
    }

    @Test("an allowed URL is fetched once, answers, and is keyed by its normalised URL")
    func fetchedOnceAndCached() async throws {
        let upstream = UpstreamServer()
        try await upstream.serve(Self.routes(upstream)) { base in
            let library = try Self.library(allowing: base)
            let served = try await library.mind(url: base + "/minds/greeter.json")
            #expect(served.name == base + "/minds/greeter.json")
            #expect(try served.mind.reply(to: "[start]", data: .new).output == "Nice to meet you.")
            let again = try await library.mind(url: "HTTP" + base.dropFirst(4) + "/minds/greeter.json")
            #expect(again.name == served.name)
            #expect(upstream.requests(to: "/minds/greeter.json") == 1)
            #expect(await library.cachedCount == 1)
        }
    }

    @Test("concurrent first requests for one URL share one fetch")
    func coalesced() async throws {
        let upstream = UpstreamServer()
        let (arrived, release) = (TestGate(), TestGate())
        try await upstream.serve(Self.routes(upstream, arrived: arrived, release: release)) { base in
            let library = try Self.library(allowing: base)
            let names = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 { group.addTask { try await library.mind(url: base + "/minds/held.json").name } }
                await arrived.wait()
                release.open()
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(names.count == 8 && Set(names) == [base + "/minds/held.json"])
            #expect(upstream.requests(to: "/minds/held.json") == 1)
        }
    }

    @Test("a rulebase over the size limit is refused, with or without a Content-Length")
    func tooLarge() async throws {
        let upstream = UpstreamServer()
        try await upstream.serve(Self.routes(upstream)) { base in
            let library = try Self.library(allowing: base)
            for path in ["/minds/big.json", "/minds/streamed.json"] {
                let error = await Self.error(library, base + path)
                guard case .unreachable(let message)? = error else {
                    Issue.record("\(path): unexpected \(String(describing: error))")
                    continue
                }
                #expect(message.contains(base + path) && message.contains("larger than the limit of 4096 bytes"))
            }
            #expect(await library.cachedCount == 0)
        }
    }

    @Test("a host that does not answer in time is unreachable")
    func slow() async throws {
        let upstream = UpstreamServer()
        try await upstream.serve(Self.routes(upstream)) { base in
            let library = try Self.library(allowing: base, timeout: .milliseconds(200))
            let error = await Self.error(library, base + "/minds/slow.json")
            guard case .unreachable(let message)? = error else {
                Issue.record("unexpected \(String(describing: error))")
                return
            }
            #expect(message.contains(base + "/minds/slow.json") && message.contains("no complete answer within"))
        }
    }

    @Test("an upstream 404 is unreachable; an invalid rulebase is invalid and not cached")
    func upstreamErrors() async throws {
        let upstream = UpstreamServer()
        try await upstream.serve(Self.routes(upstream)) { base in
            let library = try Self.library(allowing: base)
            let missing = await Self.error(library, base + "/minds/missing.json")
            guard case .unreachable(let message)? = missing else {
                Issue.record("unexpected \(String(describing: missing))")
                return
            }
            #expect(message.contains(base + "/minds/missing.json") && message.contains("404"))
            for _ in 0..<2 {
                let broken = await Self.error(library, base + "/minds/broken.yaml")
                guard case .invalidRulebase(_, let diagnostics)? = broken else {
                    Issue.record("unexpected \(String(describing: broken))")
                    return
                }
                #expect(diagnostics.contains { $0.message.contains("nosuchconcept") })
            }
            #expect(upstream.requests(to: "/minds/broken.yaml") == 2)
        }
    }

    @Test("URLs outside the allowed prefixes are unknown minds and never requested")
    func notAllowed() async throws {
        let upstream = UpstreamServer()
        try await upstream.serve(Self.routes(upstream)) { base in
            let library = try Self.library(allowing: base)
            let host = String(base.dropFirst("http://".count))
            for url in [
                base + "/private/greeter.json", base + "/minds/../private/greeter.json",
                base + "/minds/%2e%2e/private/greeter.json", "http://\(host)@127.0.0.2/minds/greeter.json",
                "http://user@\(host)/minds/greeter.json", "https://\(host)/minds/greeter.json",
                "http://127.0.0.1:1/minds/greeter.json", base + "/minds/escape.json",
            ] {
                let error = await Self.error(library, url)
                guard case .unknownMind? = error else {
                    Issue.record("\(url): unexpected \(String(describing: error))")
                    continue
                }
            }
            #expect(upstream.requests(to: "/private/greeter.json") == 0)
            #expect(upstream.requests(to: "/minds/escape.json") == 1)
            let moved = try await library.mind(url: base + "/minds/moved.json")
            #expect(try moved.mind.reply(to: "[start]", data: .new).output == "Nice to meet you.")
        }
    }

    @Test("no allowed prefixes: every http(s) URL is an unknown mind; bad prefixes fail at start")
    func noneAllowed() async throws {
        let library = try ReplyAPIHarness.library(try ReplyAPIFixtureMinds.folder())
        let error = await Self.error(library, "http://127.0.0.1:1/mind.yaml")
        guard case .unknownMind(let message)? = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(message.contains("--allow-url"))
        for prefix in ["ftp://example.com/", "http://user@example.com/", "example.com", "http:///x"] {
            #expect(throws: MindLibraryError.self, "\(prefix)") { try RemoteRulebaseOptions(allowedPrefixes: [prefix]) }
        }
        #expect(try RemoteRulebaseOptions(allowedPrefixes: ["HTTP://Example.COM:80"]).allowedPrefixes == ["http://example.com/"])
    }

    @Test("over HTTP: 200 for an allowed URL, 404 unknown_mind, 502 rulebase_unreachable, 422 invalid_rulebase")
    func statuses() async throws {
        let upstream = UpstreamServer()
        try await upstream.serve(Self.routes(upstream)) { base in
            let store = try SQLiteStore.temporary()
            let api = ReplyAPI(minds: try Self.library(allowing: base), store: store, logger: ReplyAPIHarness.logger)
            try await ReplyAPIHarness.serve(api) { client in
                let ok = try await client.post(form: ["input": "[start]", "url": base + "/minds/greeter.json"])
                #expect(ok.status == .ok && ok.output == "Nice to meet you.")
                let stateful = try await client.post(form: ["input": "hi", "url": base + "/minds/greeter.json", "userid": "u1"])
                #expect(stateful.output == "Nice to meet you. Go on.")
                let denied = try await client.post(form: ["input": "hi", "url": base + "/private/greeter.json"])
                #expect(denied.status == .notFound && denied.errorCode == "unknown_mind")
                let missing = try await client.post(form: ["input": "hi", "url": base + "/minds/missing.json"])
                #expect(missing.status == .badGateway && missing.errorCode == "rulebase_unreachable")
                #expect(missing.json["error"]?["message"]?.stringValue?.contains(base + "/minds/missing.json") == true)
                let broken = try await client.post(form: ["input": "hi", "url": base + "/minds/broken.yaml"])
                #expect(broken.status == .unprocessableContent && broken.errorCode == "invalid_rulebase")
                #expect(broken.json["error"]?["details"] != nil)
            }
            #expect(try await store.transcript(mind: base + "/minds/greeter.json", userID: "u1", after: nil, limit: 9).count == 1)
            try store.close()
        }
    }
}
