import PostgresNIO

/// Where the data lives, as written after `--store`: `sqlite:PATH` or `postgres://...`.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// An embedded SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL server: `postgres://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=...]`.
    case postgres(url: String)

    /// The default: `parley.sqlite` in the working directory.
    public static let `default` = StoreLocation.sqlite(path: "parley.sqlite")

    /// Reads `sqlite:PATH`, or a `postgres://` / `postgresql://` URL.
    public init(parsing text: String) throws {
        let lowered = text.lowercased()
        if lowered.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else {
                throw StoreError(.invalidLocation, location: text, detail: "sqlite: needs a file path, e.g. sqlite:./parley.sqlite")
            }
            self = .sqlite(path: path)
        } else if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            _ = try PostgresURL(text)
            self = .postgres(url: text)
        } else {
            throw StoreError(
                .invalidLocation, location: PostgresURL.redact(text),
                detail: "a store is sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
    }

    /// Opens (creating when needed) the store; `logger` receives PostgreSQL's connection events.
    public func open(logger: Logger = Logger(label: "parley.store")) async throws -> any DataStore {
        switch self {
        case .sqlite(let path): try SQLiteStore(path: path)
        case .postgres(let url): try await PostgresStore.connect(url: url, logger: logger)
        }
    }

    /// The location as written, without any password.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): PostgresURL.redact(url)
        }
    }
}
