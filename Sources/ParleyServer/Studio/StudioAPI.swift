import Foundation
import Hummingbird
import Logging
import NIOCore
import ParleyCore
import ParleyMind
import ParleyStore

/// The studio's JSON API under `/studio/api` (docs/studio.md), its page at `/studio`, and
/// published versions' sources at `/minds/NAME/versions/N`. Every API call needs an admin key
/// (`Authorization: Bearer KEY`) when any is configured; without one the studio is served only
/// on loopback.
struct StudioAPI: Sendable {
    let minds: MindLibrary
    let published: PublishedMinds
    let options: StudioOptions
    /// The reply API's keys: reading a version's source needs one of them (or an admin key) when
    /// the reply API has keys.
    let replyKeys: APIKeys
    let workbench = StudioWorkbench()
    let logger: Logger
    var gate: AdminGate

    var store: any MindStore { published.store }

    /// The largest request body the studio API reads (a 10,000-rule mind is about 2 MiB).
    static let maximumBodyBytes = 8 * 1024 * 1024

    /// The text a new mind's tests start from.
    static let emptyTests = "tests: []\n"

    func addRoutes(to router: Router<ParleyRequestContext>) throws {
        try AdminFacePage(name: "studio", gate: gate).addRoutes(to: router)
        let api = router.group("studio/api")
        api.get("info") { request, context in
            await answer(request, context) { _ in
                let base = Self.base(request)
                return Self.json([
                    "adminKeys": .bool(!options.adminKeys.isEmpty),
                    "loopbackOnly": .bool(options.adminKeys.isEmpty), "baseURL": .string(base),
                    "keepVersionsSeconds": .number(published.keepVersions),
                ])
            }
        }
        api.post("check") { request, context in
            await answer(request, context) { body in try await check(body) }
        }
        api.get("minds") { request, context in
            await answer(request, context) { _ in try await list() }
        }
        api.post("minds") { request, context in
            await answer(request, context) { body in try await create(body) }
        }
        api.get("minds/:mind") { request, context in
            await answer(request, context) { _ in try await read(Self.name(context)) }
        }
        api.put("minds/:mind") { request, context in
            await answer(request, context) { body in
                try await save(Self.name(context), body, ifMatch: request.headers[.ifMatch])
            }
        }
        api.delete("minds/:mind") { request, context in
            await answer(request, context) { _ in try await delete(Self.name(context)) }
        }
        api.post("minds/:mind/rename") { request, context in
            await answer(request, context) { body in try await rename(Self.name(context), body) }
        }
        api.post("minds/:mind/copy") { request, context in
            await answer(request, context) { body in try await copy(Self.name(context), body) }
        }
        api.post("minds/:mind/try") { request, context in
            await answer(request, context) { body in try await tryTurn(Self.name(context), body) }
        }
        api.post("minds/:mind/tests/run") { request, context in
            await answer(request, context) { body in try await runTests(Self.name(context), body) }
        }
        api.post("minds/:mind/publish") { request, context in
            await answer(request, context) { body in try await publish(Self.name(context), body, base: Self.base(request)) }
        }
        api.get("minds/:mind/versions") { request, context in
            await answer(request, context) { _ in try await versions(Self.name(context), base: Self.base(request)) }
        }
        api.get("minds/:mind/versions/:number") { request, context in
            await answer(request, context) { _ in
                try await version(Self.name(context), Self.number(context), base: Self.base(request))
            }
        }
        api.get("minds/:mind/review") { request, context in
            await answer(request, context) { _ in try await review(Self.name(context), query: request.uri.queryParameters) }
        }
        router.get("minds/:mind/versions/:number") { request, context in
            await ReplyAPI.answer(logger: logger) {
                try admitReader(request, context)
                return try await versionSource(Self.name(context), Self.number(context))
            }
        }
    }

    /// Admits the request, reads its JSON body (an object, or nothing), and answers with what
    /// `handler` returns, or with its error as JSON.
    private func answer(
        _ request: Request, _ context: ParleyRequestContext, _ handler: ([String: JSONValue]) async throws -> Response
    ) async -> Response {
        await ReplyAPI.answer(logger: logger) {
            try admit(request, context)
            return try await handler(try await JSONBody.object(request, limit: Self.maximumBodyBytes))
        }
    }

    private func admit(_ request: Request, _ context: ParleyRequestContext) throws(ReplyAPIError) {
        try gate.admit(request, context)
    }

    /// Admits a request for a version's source: with keys configured (reply API or admin), one of them.
    private func admitReader(_ request: Request, _ context: ParleyRequestContext) throws(ReplyAPIError) {
        guard !replyKeys.isEmpty || !options.adminKeys.isEmpty else { return }
        let key = ReplyRequest.bearerKey(request.headers) ?? request.uri.queryParameters["key"].map(String.init)
        guard let key, !key.isEmpty, replyKeys.accepts(key) || options.adminKeys.accepts(key) else {
            throw key?.isEmpty == false ? ReplyAPIError.wrongKey : ReplyAPIError.missingKey
        }
    }

    /// The mind name of the route, checked.
    static func name(_ context: ParleyRequestContext) throws -> String {
        let name = try context.parameters.require("mind")
        try checkName(name)
        return name
    }

    /// Refuses a name that cannot name a mind.
    static func checkName(_ name: String) throws(ReplyAPIError) {
        guard MindLibrary.isValidName(name) else {
            throw .invalidRequest("\"\(name)\" cannot name a mind: use 1 to 64 letters, digits, '.', '_' or '-'")
        }
    }

    /// The version number of the route.
    static func number(_ context: ParleyRequestContext) throws -> Int {
        let text = try context.parameters.require("number")
        guard let number = Int(text), number > 0 else { throw ReplyAPIError.invalidRequest("\"\(text)\" is not a version number") }
        return number
    }

    /// `http://HOST` of the request, for the URLs the studio hands out.
    static func base(_ request: Request) -> String {
        "http://" + (request.head.authority ?? "localhost")
    }

    /// A JSON response.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        ReplyAPI.jsonResponse(value.jsonText(), status: status)
    }

    static func notFound(_ name: String) -> ReplyAPIError {
        ReplyAPIError(status: .notFound, code: "unknown_mind", message: "no mind named \"\(name)\"")
    }
}
