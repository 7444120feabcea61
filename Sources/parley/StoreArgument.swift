import ParleyStore

/// Reads a `--store` value: a SQLite file path, `sqlite:PATH`, or a `postgres://` URL.
enum StoreArgument {
    static let help = "Where conversations are recorded: a SQLite file, sqlite:PATH, or postgres://USER:PASSWORD@HOST:PORT/DATABASE."

    static func location(_ text: String) throws -> StoreLocation {
        let lowered = text.lowercased()
        if lowered.hasPrefix("sqlite:") || lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            return try StoreLocation(parsing: text)
        }
        return .sqlite(path: text)
    }
}
