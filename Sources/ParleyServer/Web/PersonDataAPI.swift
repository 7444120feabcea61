import Foundation
import Hummingbird
import Logging
import ParleyCore
import ParleyStore
import ParleyWorlds

/// What a chat page's person may do with what was recorded of them, proving who they are with
/// their person key (`{"key": KEY}` in the body): `POST /people/me` (their id, as a code to quote,
/// and their consent), `POST /people/me/export` (every conversation of theirs, as JSON Lines) and
/// `POST /people/me/erase` (erases it all and ends their conversation).
struct PersonDataAPI: Sendable {
    let runtime: WorldRuntime
    let logger: Logger

    func addRoutes(to router: Router<ParleyRequestContext>) {
        let store = runtime.store
        router.post("people/me") { request, _ in
            await ReplyAPI.answer(logger: logger) {
                let person = try await Self.person(request)
                let consent = try await store.consent(of: person)
                let conversations = try await store.conversations(ConversationQuery(roles: Set(ConversationRecord.Role.allCases), personID: person))
                return ReplyAPI.jsonResponse(
                    JSONValue.object([
                        "id": .string(person), "conversations": .number(Double(conversations.count)),
                        "consent": consent.map { consent in
                            .object(["agreed": .bool(consent.agreed), "version": .number(Double(consent.version)),
                                     "time": .string(consent.time.formatted(.iso8601))])
                        } ?? .null,
                    ]).jsonText())
            }
        }
        router.post("people/me/export") { request, _ in
            await ReplyAPI.answer(logger: logger) {
                let person = try await Self.person(request)
                var text = Data()
                try await TranscriptExporter(store: store).exportConversations(
                    ConversationQuery(roles: Set(ConversationRecord.Role.allCases), personID: person), format: .parley
                ) { text.append($0) }
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "application/x-ndjson; charset=utf-8",
                        .contentDisposition: "attachment; filename=\"\(person).jsonl\"",
                    ],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: text)))
            }
        }
        router.post("people/me/erase") { request, _ in
            await ReplyAPI.answer(logger: logger) {
                let person = try await Self.person(request)
                let report = try await runtime.erase(personID: person, actor: "person")
                logger.info("a person erased their data", metadata: ["person": "\(person)", "rows": "\(report.total)"])
                return ReplyAPI.jsonResponse(
                    JSONValue.object([
                        "id": .string(person), "erased": .object(report.rows.mapValues { .number(Double($0)) }),
                    ]).jsonText())
            }
        }
    }

    /// The person id the body's key stands for.
    private static func person(_ request: Request) async throws -> String {
        let body = try await JSONBody.object(request, limit: 4096)
        guard let key = body["key"]?.stringValue, PersonKey.isValid(key) else {
            throw ReplyAPIError.invalidRequest("send {\"key\": KEY}, the chat page's person key (20 to 200 letters, digits, - or _)")
        }
        return PersonKey.personID(for: key)
    }
}
