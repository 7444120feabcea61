#if canImport(Glibc)
import Glibc
#endif

/// How many connections the server holds and how long it waits on them.
public struct ConnectionLimits: Sendable {
    /// The most connections open at once; more are refused at once with a 503.
    public var maxConnections: Int
    /// The most connections open at once from one client address (0: no limit). Trusted proxies
    /// are exempt.
    public var maxConnectionsPerAddress: Int
    /// How long a new connection may take to send its first request head.
    public var requestHeadTimeout: Duration
    /// How long a keep-alive HTTP connection may stay idle (or take to send its next request head).
    public var idleTimeout: Duration
    /// Proxies whose connections are exempt from the per-address limit and whose
    /// `X-Forwarded-For` names the client (addresses such as `127.0.0.1` or `10.0.0.5`).
    public var trustedProxies: Set<String>
    /// How soon a connection whose client went away without a word (its network gone, its machine
    /// asleep) is closed: the kernel probes a silent connection and gives up on data the client
    /// does not acknowledge in this time (TCP keepalive and `TCP_USER_TIMEOUT`, on Linux). A chat
    /// page's partner is told as it closes. Nil leaves the system's defaults (minutes to hours).
    public var deadPeerTimeout: Duration?

    public init(
        maxConnections: Int = Self.defaultMaxConnections,
        maxConnectionsPerAddress: Int? = nil,
        requestHeadTimeout: Duration = .seconds(10),
        idleTimeout: Duration = .seconds(60),
        trustedProxies: Set<String> = [],
        deadPeerTimeout: Duration? = .seconds(8)
    ) {
        self.maxConnections = maxConnections
        self.maxConnectionsPerAddress = maxConnectionsPerAddress ?? min(256, maxConnections)
        self.requestHeadTimeout = requestHeadTimeout
        self.idleTimeout = idleTimeout
        self.trustedProxies = trustedProxies
        self.deadPeerTimeout = deadPeerTimeout
    }

    /// Raises the process's open file limit to the most it may have (the hard limit), as a server
    /// that holds a connection per person should; returns the limit now in force.
    @discardableResult
    public static func raiseFileLimit() -> Int? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return limit.rlim_cur == rlim_t.max ? nil : Int(clamping: limit.rlim_cur)
    }

    /// The process's open file limit less a headroom (a sixteenth, at least 32) for the store,
    /// outgoing calls and the listening socket, so that the server never runs out of descriptors.
    public static var defaultMaxConnections: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return 10_000 }
        let files = Int(clamping: limit.rlim_cur)
        return max(16, files - max(32, files / 16))
    }
}
