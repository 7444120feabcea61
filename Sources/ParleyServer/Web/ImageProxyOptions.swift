/// What the image proxy at `/media` may fetch, and the limits of one fetch.
public struct ImageProxyOptions: Sendable {
    /// Hosts, as written in image URLs (a name or an IP address, lowercased, IPv6 without
    /// brackets), that may be fetched even though they resolve to loopback, private, link-local
    /// or other non-public addresses (`--media-allow-host`). Empty by default.
    public private(set) var allowedHosts: Set<String>
    /// How long one fetch may take: name lookups, redirects and the body included.
    public var timeout: Duration
    /// The largest image, in bytes; reading stops past it.
    public var maximumBytes: Int
    /// The most redirects one fetch follows (each target is checked again).
    public var maximumRedirects: Int
    /// The most fetches at once; the images are held in memory until they are complete.
    public var maximumFetches: Int

    /// Only public addresses, 10 s, 5 MiB, 3 redirects and 16 fetches at once by default.
    public init(
        allowedHosts: [String] = [], timeout: Duration = .seconds(10), maximumBytes: Int = 5 * 1024 * 1024,
        maximumRedirects: Int = 3, maximumFetches: Int = 16
    ) {
        self.allowedHosts = Set(allowedHosts.map(Self.normalised))
        self.timeout = timeout
        self.maximumBytes = maximumBytes
        self.maximumRedirects = maximumRedirects
        self.maximumFetches = maximumFetches
    }

    /// Whether `host` (as written in a URL) is one the operator allowed.
    func allows(host: String) -> Bool {
        allowedHosts.contains(Self.normalised(host))
    }

    /// Lowercased, without the brackets of an IPv6 address.
    static func normalised(_ host: String) -> String {
        let lowercased = host.lowercased()
        guard lowercased.hasPrefix("["), lowercased.hasSuffix("]") else { return lowercased }
        return String(lowercased.dropFirst().dropLast())
    }
}
