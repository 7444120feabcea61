/// Which `http(s)` rulebase URLs the mind library may fetch (`--allow-url`), and the limits of a fetch.
public struct RemoteRulebaseOptions: Sendable {
    /// The allowed prefixes, normalised; a URL is fetched only when it lies under one of them
    /// (same scheme, host and port, and a path starting with the prefix's path).
    let allowed: [RemoteURL]
    /// How long one fetch may take, redirects and body included.
    public var timeout: Duration
    /// The largest rulebase accepted, in bytes; reading stops past it.
    public var maximumBytes: Int

    /// The most redirects one fetch follows (each target must be allowed too).
    static let maximumRedirects = 5

    /// The allowed prefixes in their normal form, e.g. `https://example.com/minds/`.
    public var allowedPrefixes: [String] { allowed.map(\.description) }

    /// Allows the URLs under `allowedPrefixes`, fetched within `timeout` (5 s)
    /// and `maximumBytes` (16 MiB). Throws `invalidConfiguration` for a prefix that is not an
    /// absolute `http(s)` URL with a host and no user info.
    public init(
        allowedPrefixes: [String], timeout: Duration = .seconds(5), maximumBytes: Int = 16 * 1024 * 1024
    ) throws(MindLibraryError) {
        var allowed: [RemoteURL] = []
        for prefix in allowedPrefixes {
            do {
                allowed.append(try RemoteURL(prefix))
            } catch {
                throw .invalidConfiguration("the allowed URL prefix \"\(prefix)\" is unusable: \(error.reason)")
            }
        }
        self.init(allowed: allowed, timeout: timeout, maximumBytes: maximumBytes)
    }

    /// No remote rulebases: the default.
    public static let none = RemoteRulebaseOptions(allowed: [], timeout: .zero, maximumBytes: 0)

    private init(allowed: [RemoteURL], timeout: Duration, maximumBytes: Int) {
        self.allowed = allowed
        self.timeout = timeout
        self.maximumBytes = maximumBytes
    }

    /// Whether `url` lies under an allowed prefix.
    func allows(_ url: RemoteURL) -> Bool {
        allowed.contains { url.isUnder($0) }
    }
}
