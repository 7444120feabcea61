import Hummingbird

/// Refuses requests addressed to a host the server does not answer for, with `421`: a defence
/// against DNS rebinding, where a page on another name that resolves to this machine would
/// otherwise read and change the data of a server that listens on loopback.
///
/// It applies when the server listens on loopback, or whenever public hosts are given; then the
/// `Host` must be the bound address, `localhost`, a loopback address or a public host.
/// Requests without `Host` (not from a browser) pass.
public struct HostAllowList<Context: RequestContext>: RouterMiddleware {
    /// The accepted host names; nil when every host is.
    private let names: Set<String>?

    public init(boundHost: String, publicHosts: [PublicHost]) {
        let bound = PublicHost.hostName(ofAuthority: boundHost.contains(":") && !boundHost.hasPrefix("[") ? "[\(boundHost)]" : boundHost)
        guard Self.isLoopback(boundHost) || !publicHosts.isEmpty else {
            names = nil
            return
        }
        var names: Set<String> = ["localhost", "127.0.0.1", "[::1]"]
        if !["0.0.0.0", "[::]"].contains(bound) { names.insert(bound) }
        names.formUnion(publicHosts.map(\.name))
        self.names = names
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let names, let authority = request.head.authority else { return try await next(request, context) }
        let name = PublicHost.hostName(ofAuthority: authority)
        guard names.contains(name) || Self.isLoopbackIPv4(name) else {
            return ReplyAPIError(
                status: .misdirectedRequest, code: "unknown_host",
                message: "this server does not answer for the host \(name.prefix(100)) (see --public-host)"
            ).response
        }
        return try await next(request, context)
    }

    /// Whether `host` is a loopback address or `localhost`.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || isLoopbackIPv4(host)
    }

    /// Whether `host` is an IPv4 address in 127.0.0.0/8.
    private static func isLoopbackIPv4(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
