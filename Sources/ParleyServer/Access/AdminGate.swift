import Hummingbird

/// Who may use the admin faces, the studio and the review app: holders of an admin key
/// (`Authorization: Bearer KEY`, failed tries rate limited per address), or anyone on this machine
/// when no key is configured and the server listens on loopback only.
struct AdminGate: Sendable {
    let options: StudioOptions
    /// What the errors call the face, e.g. `the studio`.
    let face: String
    /// Limits failed admin key checks per client address.
    let failedKeys = RateLimiter(limit: .standard)

    /// Admits the request or throws the error to answer with.
    func admit(_ request: Request, _ context: ParleyRequestContext) throws(ReplyAPIError) {
        guard !options.adminKeys.isEmpty else {
            guard options.loopback else { throw closed }
            return
        }
        try options.adminKeys.admit(
            ReplyRequest.bearerKey(request.headers), client: context.remoteAddress?.ipAddress ?? "unknown", failures: failedKeys,
            missing: ReplyAPIError(status: .unauthorized, code: "bad_key", message: "\(face) needs an admin key: send Authorization: Bearer KEY"),
            wrong: ReplyAPIError(status: .unauthorized, code: "bad_key", message: "that is not an admin key of this server"))
    }

    /// The answer on a server that listens beyond loopback with no admin key.
    var closed: ReplyAPIError {
        ReplyAPIError(
            status: .forbidden, code: "\(face == "the studio" ? "studio" : "admin")_closed",
            message: "\(face) needs an admin key on a server that listens beyond loopback: start it with --admin-key")
    }
}
