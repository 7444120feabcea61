import Foundation
import Hummingbird
import Logging
import ParleyCore
import ParleyMind
import ParleyStore

/// The reply API (docs/reply-api.md): `/reply`, stateless (the caller holds the data) or stateful
/// (the store keeps each user's data), and the user data endpoints
/// `GET /users/{userid}/transcript` and `DELETE /users/{userid}`.
public struct ReplyAPI: Sendable {
    public let minds: MindLibrary
    public let store: any UserStateStore
    public let options: ReplyAPIOptions
    let logger: Logger

    public init(minds: MindLibrary, store: any UserStateStore, options: ReplyAPIOptions = ReplyAPIOptions(), logger: Logger) {
        self.minds = minds
        self.store = store
        self.options = options
        self.logger = logger
    }

    /// Adds `GET`/`POST /reply`, `GET /users/{userid}/transcript` and `DELETE /users/{userid}`.
    /// With a context that knows the client's address, keyless rate limits are per address.
    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("reply") { request, context in
            // HEAD (a link checker, a prefetch) would take a turn and store it: only GET and POST do.
            guard request.method != .head else { return Self.headRefused }
            return await self.answer { try await self.reply(request, client: Self.client(context)) }
        }
        router.post("reply") { request, context in
            await self.answer { try await self.reply(request, client: Self.client(context)) }
        }
        router.get("users/:userid/transcript") { request, context in
            await self.answer {
                try self.admit(key: Self.userDataKey(request), client: Self.client(context))
                return try await self.transcript(userID: context.parameters.get("userid"), request: request)
            }
        }
        router.delete("users/:userid") { request, context in
            await self.answer {
                try self.admit(key: Self.userDataKey(request), client: Self.client(context))
                return try await self.eraseUser(context.parameters.get("userid"))
            }
        }
    }

    /// The paths that answer `GET` but not `HEAD`.
    static let pathsWithoutHead: Set<String> = ["reply"]

    /// The answer to `HEAD /reply`: 405, since a turn is no safe request.
    private static var headRefused: Response {
        var response = ReplyAPIError(
            status: .methodNotAllowed, code: "method_not_allowed", message: "HEAD is not allowed here; use GET, POST"
        ).response
        response.headers[.allow] = "GET, POST"
        return response
    }

    /// Checks the request's key when keys are configured, then takes a token of the rate limit for
    /// the key, or for the client's address when the API is open (429 `rate_limited`). A missing
    /// or wrong key (401 `bad_key`) takes a token of the address's failed-key limit; while that
    /// has none, every request from the address is refused, right key or not.
    func admit(key: String?, client: @autoclosure () -> String) throws(ReplyAPIError) {
        var checkedKey: String?
        if !options.keys.isEmpty {
            try options.keys.admit(key, client: client(), failures: options.failedKeyLimiter, missing: .missingKey, wrong: .wrongKey)
            checkedKey = key
        }
        guard let limiter = options.rateLimiter else { return }
        let bucket = checkedKey.map { "key " + $0 } ?? "address " + client()
        if case .refused(let retryAfter) = limiter.take(for: bucket) {
            throw .rateLimited(retryAfter: retryAfter)
        }
    }

    /// The key of a user data request: the `key` query field or `Authorization: Bearer KEY`.
    private static func userDataKey(_ request: Request) throws(ReplyAPIError) -> String? {
        try FormFields(parsing: request.uri.query ?? "", source: "query")["key"] ?? ReplyRequest.bearerKey(request.headers)
    }

    /// The client's IP address, when the context knows it.
    private static func client(_ context: some RequestContext) -> String {
        (context as? any RemoteAddressRequestContext)?.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Answers a `/reply` request from `client` in the mode its fields select.
    func reply(_ request: Request, client: @autoclosure () -> String) async throws -> Response {
        let fields = try await ReplyRequest.read(request)
        try admit(key: fields.key, client: client())
        guard let input = fields.input else { throw ReplyAPIError.missingInput }
        var statefulUserID: String?
        if fields.isStateful, let userID = fields.userID { statefulUserID = try Self.validUserID(userID) }
        let served = try await servedMind(fields)
        if let statefulUserID {
            return try await statefulReply(to: input, userID: statefulUserID, served: served)
        }
        // A new conversation (no data, or `{}`) starts from a random seed, as the stateful API's do.
        var data = ConversationData(seed: UInt64.random(in: .min ... .max))
        if let json = fields.data, json != .object([:]) { data = try ConversationData(json: json) }
        let turn = try served.mind.reply(to: input, data: data, time: options.clock())
        let reply = try await tagRounds.apply(to: turn, mind: served.mind, userID: fields.userID)
        if options.logStateless {
            try await store.logExchange(
                mind: served.name, userID: fields.userID ?? "",
                Exchange(input: input, output: reply.output, time: options.clock(), rule: turn.rule, version: served.version))
        }
        return Self.jsonResponse(reply.jsonText)
    }

    /// The tag handler rounds of this API's options.
    var tagRounds: TagRounds { TagRounds(handlers: options.tags, logger: logger) }

    /// The mind the request names by `mind` or `url`, else the default mind.
    func servedMind(_ fields: ReplyRequest) async throws -> ServedMind {
        switch (fields.mind, fields.url) {
        case (let name?, nil): try await minds.mind(named: name)
        case (nil, let url?): try await minds.mind(url: url, requestHost: fields.host)
        case (nil, nil): try await minds.mind(named: minds.defaultName)
        case (_?, _?): throw ReplyAPIError.invalidRequest("give either mind or url, not both")
        }
    }

    /// Runs `handler`, answering its errors as JSON error responses; unexpected ones are logged.
    func answer(_ handler: () async throws -> Response) async -> Response {
        await Self.answer(logger: logger, handler)
    }

    /// Runs `handler`, answering its errors as JSON error responses; unexpected ones are logged
    /// to `logger`.
    static func answer(logger: Logger, _ handler: () async throws -> Response) async -> Response {
        do {
            return try await handler()
        } catch let error as ReplyAPIError {
            return error.response
        } catch let error as MindError {
            return ReplyAPIError(error).response
        } catch let error as MindLibraryError {
            return ReplyAPIError(error).response
        } catch {
            logger.error("reply API request failed", metadata: ["error": "\(error)"])
            return ReplyAPIError(
                status: .internalServerError, code: "internal_error",
                message: "the server could not answer; the error was logged"
            ).response
        }
    }

    /// `userID` if it is 1 to 128 ASCII letters, digits, `.`, `_`, `:`, `@` or `-`.
    static func validUserID(_ userID: String) throws(ReplyAPIError) -> String {
        guard !userID.isEmpty else { throw .invalidUserID("userid is empty") }
        guard userID.unicodeScalars.count <= 128 else {
            throw .invalidUserID("userid has \(userID.unicodeScalars.count) characters; at most 128 are allowed")
        }
        if let bad = userID.unicodeScalars.first(where: { !isUserIDCharacter($0) }) {
            throw .invalidUserID(
                "userid contains \(bad.shown); use letters, digits and . _ : @ -")
        }
        return userID
    }

    /// ASCII letters and digits and `. _ : @ -` (ASCII only, so one user has one spelling).
    private static func isUserIDCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || ".:_@-".unicodeScalars.contains(scalar)
    }

    /// A `200` (or `status`) response with JSON `text`.
    static func jsonResponse(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: jsonHeaders, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The headers of a JSON response, made once.
    private static let jsonHeaders: HTTPFields = [.contentType: "application/json; charset=utf-8"]
}
