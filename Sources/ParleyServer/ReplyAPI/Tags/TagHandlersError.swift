/// A tag handler configuration file that cannot be used: says which file, which key and why.
public struct TagHandlersError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's path.
    public var file: String
    /// Where in the file, as a key path (`tags.select.timeout`), or "" for the whole file.
    public var key: String
    public var reason: String

    public var description: String { key.isEmpty ? "\(file): \(reason)" : "\(file): \(key): \(reason)" }
}
