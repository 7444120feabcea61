import Foundation
import PostgresNIO

/// A `postgres://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=disable|prefer|require]` URL, read
/// into a client (pool) configuration and a single-connection configuration.
struct PostgresURL: Sendable {
    var configuration: PostgresClient.Configuration
    var connectionConfiguration: PostgresConnection.Configuration
    /// The URL without its password, for messages and logs.
    var redacted: String

    init(_ text: String) throws {
        let fail = { (detail: String) in
            StoreError(.invalidLocation, location: Self.redact(text), detail: detail)
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "postgres" || scheme == "postgresql"
        else {
            throw fail("not a postgres:// URL (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)")
        }
        guard let host = components.host, !host.isEmpty else { throw fail("the URL names no host") }
        guard let user = components.user, !user.isEmpty else { throw fail("the URL names no user") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.contains("/") else { throw fail("the database name cannot contain '/'") }

        var sslMode = "prefer"
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else { throw fail("unknown URL parameter '\(item.name)' (only sslmode is known)") }
            guard let value = item.value, ["disable", "prefer", "require"].contains(value) else {
                throw fail("sslmode must be disable, prefer or require, not '\(item.value ?? "")'")
            }
            sslMode = value
        }
        let port = components.port ?? 5432
        let name = database.isEmpty ? nil : database
        let tls = TLSConfiguration.makeClientConfiguration()
        let sslContext: NIOSSLContext
        do {
            sslContext = try NIOSSLContext(configuration: tls)
        } catch {
            throw fail("cannot set up TLS: \(error)")
        }
        configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: components.password, database: name,
            tls: sslMode == "disable" ? .disable : sslMode == "require" ? .require(tls) : .prefer(tls))
        connectionConfiguration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: components.password, database: name,
            tls: sslMode == "disable" ? .disable : sslMode == "require" ? .require(sslContext) : .prefer(sslContext))
        redacted = Self.redact(text)
    }

    /// `text` with any password replaced by `***`.
    static func redact(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }
}
