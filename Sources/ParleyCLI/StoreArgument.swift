import ArgumentParser
import Foundation
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

    /// Opens a store that must already exist (a SQLite file is not created by a reading command).
    static func openExisting(_ text: String) async throws -> any DataStore {
        let location = try location(text)
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("No store at \(path): nothing has been recorded there (see --store).")
        }
        return try await location.open()
    }
}
