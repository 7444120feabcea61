import Foundation

/// The API keys the reply API accepts; none means the API is open.
public struct APIKeys: Sendable {
    /// The accepted keys as bytes.
    private let keys: [[UInt8]]

    /// Whether any key is configured (then every reply API request must carry one).
    public var isEmpty: Bool { keys.isEmpty }

    /// The number of keys configured.
    public var count: Int { keys.count }

    /// No keys: the API is open.
    public init() {
        keys = []
    }

    /// Accepts `keys`; throws when one is not 1 to 256 visible ASCII characters.
    public init(_ keys: [String]) throws(APIKeysError) {
        for key in keys {
            if let problem = Self.problem(with: key) { throw .invalidKey(problem) }
        }
        self.keys = keys.map { Array($0.utf8) }
    }

    /// The keys of a keys file: one per line; blank lines and lines starting with `#` are skipped,
    /// surrounding spaces are trimmed. Throws naming the file and line of a bad key, or when the
    /// file cannot be read or holds no key.
    public static func load(file path: String) throws(APIKeysError) -> [String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
        var keys: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if let problem = problem(with: line) { throw .invalidLine(path: path, line: index + 1, problem: problem) }
            keys.append(line)
        }
        guard !keys.isEmpty else { throw .noKeys(path: path) }
        return keys
    }

    /// Whether `key` is one of the keys, compared in time independent of where it differs.
    public func accepts(_ key: String) -> Bool {
        let candidate = Array(key.utf8)
        var matched = false
        for accepted in keys {
            matched = ConstantTime.equal(candidate, accepted) || matched
        }
        return matched
    }

    /// Admits a request from `client` (its address) carrying `key`. A missing or wrong key is
    /// refused with `missing` or `wrong` and takes a token of the address's bucket in `failures`;
    /// while that bucket is empty, every request from the address is refused (429), right key or not.
    func admit(
        _ key: String?, client: String, failures: RateLimiter, missing: ReplyAPIError, wrong: ReplyAPIError
    ) throws(ReplyAPIError) {
        let address = "address " + client
        if case .refused(let retryAfter) = failures.check(for: address) { throw .rateLimited(retryAfter: retryAfter) }
        guard let key, !key.isEmpty, accepts(key) else {
            _ = failures.take(for: address)
            throw key?.isEmpty == false ? wrong : missing
        }
    }

    /// The most characters a key may have.
    static let maximumLength = 256

    /// What is wrong with `key` as an API key: it must be 1 to 256 visible ASCII characters.
    static func problem(with key: String) -> String? {
        if key.isEmpty { return "the key is empty" }
        if key.utf8.count > maximumLength { return "the key is longer than \(maximumLength) characters" }
        if let bad = key.unicodeScalars.first(where: { !(0x21...0x7E).contains($0.value) }) {
            return "the key contains \(bad.shown); use visible ASCII characters without spaces"
        }
        return nil
    }
}
