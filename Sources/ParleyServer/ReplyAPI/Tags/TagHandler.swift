/// Where the server sends one output tag word (docs/reply-api.md).
public struct TagHandler: Sendable, Hashable {
    /// The tag word it handles (`select` for `[select ...]`), lowercase.
    public let word: String
    /// The endpoint the server POSTs to.
    public let url: String
    /// How long the endpoint may take to answer.
    public let timeout: Duration

    /// The timeout of a handler whose configuration gives none.
    public static let defaultTimeout = Duration.seconds(2)
    /// The longest timeout a configuration may give.
    public static let maximumTimeout = Duration.seconds(60)

    public init(word: String, url: String, timeout: Duration = defaultTimeout) {
        self.word = word
        self.url = url
        self.timeout = timeout
    }
}
