/// Why a store could not be opened or used, naming the store (file path or database URL).
public struct StoreError: Error, Hashable, CustomStringConvertible {
    /// The kinds of store failure.
    public enum Kind: Sendable, Hashable {
        /// The file or server cannot be opened or reached.
        case cannotOpen
        /// The file or database holds something other than a Parley store.
        case notAParleyStore
        /// The store was written by a newer Parley; this version will not touch it.
        case newerSchema
        /// A stored value cannot be read back (e.g. JSON that does not parse).
        case corruptRecord
        /// The store location is not a valid `sqlite:PATH` or `postgres://` URL.
        case invalidLocation
    }

    public var kind: Kind
    /// The file path or database URL (without password) the error is about.
    public var location: String
    /// What went wrong, in words.
    public var detail: String

    public init(_ kind: Kind, location: String, detail: String) {
        self.kind = kind
        self.location = location
        self.detail = detail
    }

    public var description: String {
        "\(location): \(detail)"
    }
}
