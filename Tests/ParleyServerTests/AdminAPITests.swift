import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import ParleyCore
import ParleyServer
import ParleyStore
import ParleyWorlds
import Prometheus
import Testing

/// The review app's API on a real server: who may call it, the live event stream, an operator's
/// commands and their errors, the export's filters; and the runtime's world metrics at `/metrics`.
@Suite(.timeLimit(.minutes(5)))
struct AdminAPITests {
    /// Starts a person (with `key`) in the echo task, its world running.
    private func startEcho(port: Int, key: String) async throws -> WebSocketTestClient {
        let person = try await WebSocketTestClient.connect(port: port)
        await person.say("hi", ["person": .string(key)])
        #expect(try await person.nextText() == DemoText.menu)
        await person.say("echo")
        #expect(try await person.texts(2) == ["Transferring to echo", DemoText.echoWelcome])
        return person
    }

    private func call(
        _ worlds: WorldsServer, _ method: HTTPRequest.Method, _ path: String, _ body: JSONValue? = nil, key: String? = nil
    ) async throws -> HTTPTestClient.Answer {
        var fields: HTTPFields = [.contentType: "application/json"]
        if let key { fields[.authorization] = "Bearer \(key)" }
        let (headers, text) = (fields, body?.jsonText())
        return try await worlds.withClient { try await $0.send(path, method: method, headers: headers, body: text) }
    }

    @Test func anAdminKeyIsNeededWhenOneIsConfiguredAndBeyondLoopbackWithoutOne() async throws {
        let keyed = try await WorldsServer.start(admin: StudioOptions(adminKeys: try APIKeys(["r3view-key"]), loopback: true))
        #expect(try await call(keyed, .get, "/admin/api/live").errorCode == "bad_key")
        #expect(try await call(keyed, .get, "/admin/api/live", key: "wrong").status == .unauthorized)
        #expect(try await call(keyed, .get, "/admin/api/live", key: "r3view-key").json == ["worlds": []])
        #expect(try await call(keyed, .get, "/admin/api/info", key: "r3view-key").json?["tasks"] == ["echo", "onboard data", "chat"])
        try await keyed.stop()

        let closed = try await WorldsServer.start(admin: StudioOptions(loopback: false))
        let page = try await call(closed, .get, "/admin")
        #expect(page.status == .forbidden && page.text.contains("--admin-key"))
        #expect(try await call(closed, .get, "/admin/api/conversations").errorCode == "admin_closed")
        try await closed.stop()

        let none = try await WorldsServer.start()
        #expect(try await call(none, .get, "/admin/api/live").status == .notFound)
        try await none.stop()
    }

    @Test func theLiveStreamStartsWithASnapshotAndTellsWhatHappens() async throws {
        let worlds = try await WorldsServer.start(admin: StudioOptions(loopback: true))
        let person = try await startEcho(port: worlds.port, key: String(repeating: "e", count: 24))
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "http://127.0.0.1:\(worlds.port)/admin/api/live/events"), timeout: .seconds(30))
        #expect(response.status == .ok)
        #expect(response.headers.first(name: "content-type") == "application/x-ndjson; charset=utf-8")
        let (chunks, sink) = AsyncStream<Data>.makeStream()
        let forward = Task {
            for try await buffer in response.body { sink.yield(Data(buffer.readableBytesView)) }
            sink.finish()
        }
        defer { forward.cancel() }
        let lines = LineReader(chunks: chunks)
        let snapshot = try JSONValue.parse(try #require(await lines.next()))
        #expect(snapshot["type"] == "snapshot")
        // The echo task world starts right after its onboarding (which may still show in the snapshot).
        var world = snapshot["worlds"]?.arrayValue?.first { $0["role"] == "task" }
        while world == nil, let line = await lines.next() {
            let event = try JSONValue.parse(line)
            if event["type"] == "started", event["world"]?["role"] == "task" { world = event["world"] }
        }
        let started = try #require(world)
        #expect(started["task"] == "echo" && started["operator"] == .null && started["bots_paused"] == false)
        let worldID = try #require(started["world_id"]?.stringValue)

        await person.say("anyone?")
        #expect(try await person.nextText() == "anyone?")
        let said = try JSONValue.parse(try #require(await lines.next()))
        #expect(said["type"] == "message" && said["world_id"] == .string(worldID))
        #expect(said["message"]?["text"] == "anyone?" && said["message"]?["kind"] == "person")

        // An operator's commands, and what they refuse.
        #expect(try await call(worlds, .post, "/admin/api/live/say", ["world_id": .string(worldID), "text": "hi"]).status == .conflict)
        #expect(try await call(worlds, .post, "/admin/api/live/join", ["name": "Dana"]).status == .badRequest)
        #expect(try await call(worlds, .post, "/admin/api/live/join", ["world_id": "gone"]).errorCode == "unknown_world")
        #expect(try await call(worlds, .post, "/admin/api/live/join", ["world_id": .string(worldID), "name": "  "]).status == .badRequest)
        let joined = try await call(worlds, .post, "/admin/api/live/join", ["world_id": .string(worldID), "name": "Dana"])
        #expect(joined.json?["world"]?["operator"] == "Dana" && joined.json?["world"]?["bots_paused"] == true)
        var change = try JSONValue.parse(try #require(await lines.next()))
        while change["type"] == "message" { change = try JSONValue.parse(try #require(await lines.next())) }  // the echo
        #expect(change == ["type": "operator", "world_id": .string(worldID), "operator": "Dana", "bots_paused": true])
        #expect(try await person.nextText() == RuntimeText.operatorJoined("Dana"))
        #expect(try await call(worlds, .post, "/admin/api/live/say", ["world_id": .string(worldID), "text": ""]).status == .badRequest)
        #expect(try await call(worlds, .post, "/admin/api/live/leave", ["world_id": .string(worldID)]).json == ["left": true])
        #expect(try await person.nextText() == RuntimeText.operatorLeft("Dana"))

        await person.say("[DONE]")
        var ended: JSONValue?
        while let line = await lines.next() {
            let event = try JSONValue.parse(line)
            if event["type"] == "ended" {
                ended = event
                break
            }
        }
        #expect(ended == ["type": "ended", "world_id": .string(worldID), "ending": "completed"])
        await person.close()
        try await worlds.stop()
        // The stream ends with the server.
        while await lines.next() != nil {}
    }

    @Test func conversationsAreListedFilteredReviewedAndTheirPeopleBlockedAndErased() async throws {
        let worlds = try await WorldsServer.start(admin: StudioOptions(loopback: true))
        let ann = try await startEcho(port: worlds.port, key: String(repeating: "a", count: 24))
        await ann.say("mine")
        #expect(try await ann.nextText() == "mine")
        await ann.say("[DONE]")
        #expect(try await ann.nextText() == DemoText.menu)
        let listed = try await call(worlds, .get, "/admin/api/conversations?task=echo&completed=true")
        let first = try #require(listed.json?["conversations"]?.arrayValue?.first)
        #expect(listed.json?["conversations"]?.arrayValue?.count == 1)
        #expect(first["ending"] == "completed" && first["messages"] == 3 && first["review"] == .null)
        let world = try #require(first["world_id"]?.stringValue)
        let person = try #require(first["people"]?.arrayValue?.first?["id"]?.stringValue)
        #expect(try await call(worlds, .get, "/admin/api/conversations?service=messenger").json?["conversations"] == [])
        #expect(try await call(worlds, .get, "/admin/api/conversations?since=yesterday").status == .badRequest)
        #expect(try await call(worlds, .get, "/admin/api/conversations/nope").errorCode == "unknown_conversation")
        let detail = try await call(worlds, .get, "/admin/api/conversations/\(world)")
        #expect(detail.json?["conversation"]?["messages"]?.arrayValue?.compactMap { $0["text"]?.stringValue }.contains("mine") == true)

        #expect(try await call(worlds, .put, "/admin/api/conversations/\(world)/review", ["verdict": "maybe"]).status == .badRequest)
        let reviewed = try await call(worlds, .put, "/admin/api/conversations/\(world)/review", ["verdict": "rejected", "note": "test"])
        #expect(reviewed.json?["review"]?["verdict"] == "rejected")
        #expect(try await call(worlds, .get, "/admin/api/conversations?verdict=rejected").json?["conversations"]?.arrayValue?.count == 1)
        #expect(try await call(worlds, .get, "/admin/api/conversations?verdict=unreviewed").json?["conversations"] == [])
        #expect(try await call(worlds, .delete, "/admin/api/conversations/\(world)/review").json == ["review": nil])

        #expect(try await call(worlds, .put, "/admin/api/blocked/\(person)", ["note": "spam"]).json?["blocked"]?["note"] == "spam")
        #expect(try await call(worlds, .get, "/admin/api/blocked").json?["blocked"]?.arrayValue?.count == 1)
        #expect(try await call(worlds, .delete, "/admin/api/blocked/\(person)").json == ["unblocked": true])
        #expect(try await call(worlds, .delete, "/admin/api/blocked/\(person)").json == ["unblocked": false])

        // Erasing from /admin ends the connected person's conversation first.
        #expect(try await call(worlds, .post, "/admin/api/people/nobody/erase").errorCode == "unknown_person")
        let erased = try await call(worlds, .post, "/admin/api/people/\(person)/erase")
        #expect(erased.json?["person_id"] == .string(person) && erased.json?["erased"]?["messages"] != nil)
        let (_, close) = try await ann.closed()
        #expect(close != nil)
        #expect(try await worlds.store.knownPeople().isEmpty)
        #expect(try await worlds.store.eraseAudit(limit: 1).first?.actor == "admin")
        try await worlds.stop()
    }

    @Test func theWorldsMetricsCountWorldsPoolsAndConsent() async throws {
        let metrics = ServerMetrics()
        let worlds = try await WorldsServer.start(
            config: WorldsServer.demoConfig(chat: "timeout: 0.2") + "\nconsent:\n  text: We record.\n",
            options: RuntimeOptions(shutdownGrace: .milliseconds(300), metricsFactory: metrics.factory), metrics: metrics)
        let person = try await WebSocketTestClient.connect(port: worlds.port)
        await person.say("hi")
        #expect(try await person.nextText() == "We record.")
        await person.say("I agree")
        #expect(try await person.nextText() == DemoText.menu)
        await person.say("echo")
        #expect(try await person.texts(2) == ["Transferring to echo", DemoText.echoWelcome])
        await person.say("[DONE]")
        #expect(try await person.nextText() == DemoText.menu)
        await person.say("chat")
        #expect(try await person.texts(2) == ["Transferring to chat", DemoText.chatName])
        await person.say("Ann")
        #expect(try await person.nextText() == DemoText.chatMatch)
        #expect(try await person.nextText() == RuntimeText.noPartner)
        let text = try await worlds.withClient { try await $0.send("/metrics") }.text
        for line in [
            #"parley_consent_answers_total{answer="agreed"} 1"#, #"parley_worlds_ended_total{task="echo",ending="completed"} 1"#,
            #"parley_worlds_running{task="echo"} 0"#, #"parley_pool_timeouts_total{task="chat"} 1"#,
            #"parley_pool_waiting{task="chat"} 0"#, #"parley_pool_wait_seconds_count{task="chat"} 1"#,
        ] {
            #expect(text.contains(line), "\(line)")
        }
        await person.close()
        try await worlds.stop()
    }
}
