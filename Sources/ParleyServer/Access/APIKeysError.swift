/// Why API keys could not be configured.
public enum APIKeysError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A key given directly (`--key`) is invalid.
    case invalidKey(String)
    /// A line of a keys file holds an invalid key.
    case invalidLine(path: String, line: Int, problem: String)
    /// A keys file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A keys file holds no key (only comments and blank lines).
    case noKeys(path: String)

    public var description: String {
        switch self {
        case .invalidKey(let problem): "invalid API key: \(problem)"
        case .invalidLine(let path, let line, let problem): "\(path):\(line): \(problem)"
        case .unreadableFile(let path, let reason): "cannot read the keys file \(path): \(reason)"
        case .noKeys(let path): "the keys file \(path) holds no key (one key per line; # starts a comment)"
        }
    }
}
