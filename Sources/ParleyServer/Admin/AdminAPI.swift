import Foundation
import Hummingbird
import Logging
import ParleyCore
import ParleyStore
import ParleyWorlds

/// The review app's JSON API under `/admin/api` (docs/collected-data.md) and its page at `/admin`: the
/// conversations collected, their review, the block list, erasing a person, export, and the live
/// view of running worlds with an operator's join, say and leave. Every call needs an admin key
/// when any is configured; without one it is served only on loopback.
struct AdminAPI: Sendable {
    let runtime: WorldRuntime
    let gate: AdminGate
    let logger: Logger

    /// The most conversations one list answers with.
    static let listLimit = 500
    /// How often a live event stream with nothing to say sends `{"type": "ping"}`.
    static let keepAlive = Duration.seconds(20)

    func addRoutes(to router: Router<ParleyRequestContext>) throws {
        try AdminFacePage(name: "admin", gate: gate).addRoutes(to: router)
        let api = router.group("admin/api")
        let store = runtime.store
        api.get("info") { request, context in
            await answer(request, context) { _ in
                .object([
                    "adminKeys": .bool(!gate.options.adminKeys.isEmpty),
                    "tasks": .array(runtime.taskNames.map(JSONValue.string)),
                ])
            }
        }
        api.get("conversations") { request, context in
            await answer(request, context) { _ in
                let filter = try ConversationFilter(request.uri.queryParameters, defaultLimit: Self.listLimit)
                let records = try await filter.select(from: store)
                let counts = try await store.messageCounts(inWorlds: records.map(\.worldID))
                return .object(["conversations": .array(records.map { AdminJSON.summary($0, messages: counts[$0.worldID] ?? 0) })])
            }
        }
        api.get("conversations/:world") { request, context in
            await answer(request, context) { _ in
                let world = try context.parameters.require("world")
                guard let conversation = try await TranscriptExporter(store: store).conversation(world) else {
                    throw Self.unknownConversation(world)
                }
                return .object(["conversation": conversation])
            }
        }
        api.put("conversations/:world/review") { request, context in
            await answer(request, context) { body in
                let world = try context.parameters.require("world")
                guard let verdict = body["verdict"]?.stringValue.flatMap(ConversationReview.Verdict.init(rawValue:)) else {
                    throw ReplyAPIError.invalidRequest("send {\"verdict\": \"accepted\" or \"rejected\", \"note\": \"...\"}")
                }
                let review = ConversationReview(verdict: verdict, note: body["note"]?.stringValue ?? "", time: Date())
                guard try await store.setReview(review, of: world) else { throw Self.unknownConversation(world) }
                return .object(["review": ConversationJSON.review(review)])
            }
        }
        api.delete("conversations/:world/review") { request, context in
            await answer(request, context) { _ in
                let world = try context.parameters.require("world")
                guard try await store.setReview(nil, of: world) else { throw Self.unknownConversation(world) }
                return .object(["review": .null])
            }
        }
        api.get("blocked") { request, context in
            await answer(request, context) { _ in .object(["blocked": .array(try await store.blockedPeople().map(AdminJSON.blocked))]) }
        }
        api.put("blocked/:person") { request, context in
            await answer(request, context) { body in
                let person = try Self.personID(context)
                let blocked = BlockedPerson(personID: person, note: body["note"]?.stringValue ?? "", time: Date())
                try await store.block(blocked)
                logger.info("a person was blocked", metadata: ["person": "\(person)"])
                return .object(["blocked": AdminJSON.blocked(blocked)])
            }
        }
        api.delete("blocked/:person") { request, context in
            await answer(request, context) { _ in .object(["unblocked": .bool(try await store.unblock(try Self.personID(context)))]) }
        }
        api.post("people/:person/erase") { request, context in
            await answer(request, context) { _ in
                let person = try Self.personID(context)
                guard try await store.knownPeople().contains(person) else {
                    throw ReplyAPIError(status: .notFound, code: "unknown_person", message: "nothing is recorded about \(person)")
                }
                let report = try await runtime.erase(personID: person, actor: "admin")
                return .object(["person_id": .string(person), "erased": .object(report.rows.mapValues { .number(Double($0)) })])
            }
        }
        api.get("export") { request, context in
            await ReplyAPI.answer(logger: logger) {
                try gate.admit(request, context)
                return try await export(request.uri.queryParameters, store: store)
            }
        }
        addLiveRoutes(to: api)
    }

    private func addLiveRoutes(to api: RouterGroup<ParleyRequestContext>) {
        api.get("live") { request, context in
            await answer(request, context) { _ in .object(["worlds": .array(runtime.live.snapshot().map(AdminJSON.world))]) }
        }
        api.get("live/events") { request, context in
            await ReplyAPI.answer(logger: logger) {
                try gate.admit(request, context)
                return Self.eventStream(runtime.live)
            }
        }
        api.post("live/join") { request, context in
            await answer(request, context) { body in
                let view = try await runtime.joinWorld(
                    try Self.worldID(body), as: body["name"]?.stringValue ?? "Operator", pauseBots: body["pause_bots"]?.boolValue ?? true)
                return .object(["world": AdminJSON.world(view)])
            }
        }
        api.post("live/say") { request, context in
            await answer(request, context) { body in
                try await runtime.operatorSay(body["text"]?.stringValue ?? "", in: try Self.worldID(body))
                return .object(["said": true])
            }
        }
        api.post("live/leave") { request, context in
            await answer(request, context) { body in
                try await runtime.leaveWorld(try Self.worldID(body))
                return .object(["left": true])
            }
        }
    }

    /// The running world a live command names (`world_id` in its body).
    static func worldID(_ body: [String: JSONValue]) throws -> String {
        guard let world = body["world_id"]?.stringValue, !world.isEmpty else {
            throw ReplyAPIError.invalidRequest("send {\"world_id\": ID, ...}: the running world's id (from /admin/api/live)")
        }
        return world
    }

    /// Admits the request, reads its JSON body, and answers with what `handler` returns (or its error).
    private func answer(
        _ request: Request, _ context: ParleyRequestContext, _ handler: ([String: JSONValue]) async throws -> JSONValue
    ) async -> Response {
        await ReplyAPI.answer(logger: logger) {
            try gate.admit(request, context)
            do {
                let value = try await handler(try await JSONBody.object(request, limit: 64 * 1024))
                return ReplyAPI.jsonResponse(value.jsonText())
            } catch let error as LiveWorldError {
                switch error {
                case .unknownWorld: throw ReplyAPIError(status: .notFound, code: "unknown_world", message: error.description)
                case .notJoined: throw ReplyAPIError(status: .conflict, code: "not_joined", message: error.description)
                case .invalid: throw ReplyAPIError.invalidRequest(error.description)
                }
            }
        }
    }

    /// The export file for the query's filters and `format`.
    private func export(_ query: Parameters, store: any TranscriptStore) async throws -> Response {
        let format = try query["format"].map { name in
            guard let format = ExportFormat(rawValue: String(name)) else {
                throw ReplyAPIError.invalidRequest("format must be parley, parlai or csv, not \(name)")
            }
            return format
        } ?? .parley
        let filter = try ConversationFilter(query, defaultLimit: nil)
        var body = Data()
        try await TranscriptExporter(store: store).exportConversations(try await filter.select(from: store), format: format) {
            body.append($0)
        }
        let name = format == .csv ? "conversations.csv" : "conversations.jsonl"
        return Response(
            status: .ok,
            headers: [
                .contentType: format == .csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(name)\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The live events as JSON Lines, with a ping when quiet, until the runtime shuts down or the
    /// client goes away.
    private static func eventStream(_ live: LiveWorlds) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/x-ndjson; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody { writer in
                let (lines, sink) = AsyncStream<JSONValue>.makeStream()
                let forward = Task {
                    var participants: [String: [ConversationParticipant]] = [:]
                    for await event in live.events() {
                        switch event {
                        case .snapshot(let views): for view in views { participants[view.worldID] = view.participants }
                        case .started(let view): participants[view.worldID] = view.participants
                        case .ended(let world, _): participants[world] = nil
                        case .operatorChanged(let world, _, _):
                            participants[world] = live.view(of: world)?.participants ?? participants[world]
                        case .message: break
                        }
                        sink.yield(AdminJSON.event(event, participants: participants))
                    }
                    sink.finish()
                }
                let ping = Task {
                    while (try? await Task.sleep(for: keepAlive)) != nil { sink.yield(["type": "ping"]) }
                }
                defer {
                    forward.cancel()
                    ping.cancel()
                }
                for await line in lines {
                    try await writer.write(ByteBuffer(string: line.jsonText() + "\n"))
                }
                try await writer.finish(nil)
            })
    }

    static func personID(_ context: ParleyRequestContext) throws -> String {
        let person = try context.parameters.require("person")
        guard (1...200).contains(person.count) else { throw ReplyAPIError.invalidRequest("a person id has 1 to 200 characters") }
        return person
    }

    static func unknownConversation(_ world: String) -> ReplyAPIError {
        ReplyAPIError(status: .notFound, code: "unknown_conversation", message: "no conversation has the world id \(world)")
    }
}
