import Foundation

/// An `http` or `https` URL in a normal form, so that allow-list checks compare what will really
/// be fetched: scheme and host lowercased, the default port dropped, dot segments refused, no
/// user info, no fragment.
struct RemoteURL: Sendable, Hashable, CustomStringConvertible {
    let scheme: String
    let host: String
    /// The port, nil for the scheme's default.
    let port: Int?
    /// The path (at least `/`) and the query, if any, as written (percent-encoding kept).
    let pathAndQuery: String

    /// Why a text is not a remote URL this server fetches.
    struct Invalid: Error {
        var reason: String
    }

    /// Parses and normalises `text`; throws when it is not an absolute `http(s)` URL with a host,
    /// or has user info (`http://trusted@evil/`), or dot segments in its path.
    init(_ text: String) throws(Invalid) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw Invalid(reason: "it is not a URL")
        }
        guard scheme == "http" || scheme == "https" else {
            throw Invalid(reason: "its scheme is \(scheme):, not http: or https:")
        }
        guard components.percentEncodedUser == nil, components.percentEncodedPassword == nil else {
            throw Invalid(reason: "it has user info before an @")
        }
        guard var host = components.percentEncodedHost?.lowercased(), !host.isEmpty else {
            throw Invalid(reason: "it has no host")
        }
        if host.contains(":"), !host.hasPrefix("[") { host = "[" + host + "]" }  // an IPv6 address
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let segments = (path.removingPercentEncoding ?? path).split(separator: "/", omittingEmptySubsequences: false)
        guard path.hasPrefix("/"), !segments.contains(where: { $0 == "." || $0 == ".." }), !path.contains("\\") else {
            throw Invalid(reason: "its path is not a plain absolute path (no . or .. segments, no backslashes)")
        }
        let defaultPort = scheme == "https" ? 443 : 80
        self.scheme = scheme
        self.host = host
        self.port = components.port == defaultPort ? nil : components.port
        self.pathAndQuery = path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    /// Whether this URL lies under `prefix`: same scheme, host and port, and a path (and query)
    /// that starts with the prefix's.
    func isUnder(_ prefix: RemoteURL) -> Bool {
        scheme == prefix.scheme && host == prefix.host && port == prefix.port
            && pathAndQuery.hasPrefix(prefix.pathAndQuery)
    }

    /// The URL resolving `location` (a redirect's target, maybe relative) against this one.
    func resolving(_ location: String) throws(Invalid) -> RemoteURL {
        guard let base = URL(string: description), let target = URL(string: location, relativeTo: base) else {
            throw Invalid(reason: "the redirect target \"\(location.prefix(200))\" is not a URL")
        }
        return try RemoteURL(target.absoluteString)
    }

    /// The normal form, e.g. `https://example.com/minds/a.yaml`.
    var description: String {
        "\(scheme)://\(host)\(port.map { ":\($0)" } ?? "")\(pathAndQuery)"
    }
}
