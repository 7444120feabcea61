import Foundation

/// A name the server answers for besides its bound address and `localhost` (`--public-host`):
/// a host name, or a full origin such as `https://chat.example.org` for a server behind a proxy that
/// terminates TLS (then browser pages of that origin are the server's own).
public struct PublicHost: Sendable, Hashable {
    /// The host name, lowercase, without a port.
    public let name: String
    /// The origin browsers see, when one was given.
    public let origin: String?

    /// Reads `chat.example.org`, `chat.example.org:8443` or `https://chat.example.org[:port]`.
    public init(_ text: String) throws(PublicHostError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed.contains("://") {
            guard let url = URL(string: trimmed), let scheme = url.scheme, ["http", "https"].contains(scheme),
                let host = url.host, !host.isEmpty, url.path.isEmpty || url.path == "/", url.query == nil
            else { throw PublicHostError(text: text) }
            name = host
            origin = "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
        } else {
            let host = Self.hostName(ofAuthority: trimmed)
            guard !host.isEmpty, !host.contains("/"), !host.contains("@") else { throw PublicHostError(text: text) }
            name = host
            origin = nil
        }
    }

    /// The host name of a `Host` header value: `[::1]:80` -> `[::1]`, `example.org:80` -> `example.org`.
    static func hostName(ofAuthority authority: String) -> String {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") {
            return String(authority[...end]).lowercased()
        }
        if let colon = authority.lastIndex(of: ":") {
            return String(authority[..<colon]).lowercased()
        }
        return authority.lowercased()
    }
}

/// A `--public-host` value that is neither a host name nor an http(s) origin.
public struct PublicHostError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public var description: String {
        "--public-host \(text): expected a host name such as chat.example.org or an origin such as https://chat.example.org"
    }
}
