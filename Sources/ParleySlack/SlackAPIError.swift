/// A Slack Web API call that failed; transient failures are worth retrying.
struct SlackAPIError: Error, CustomStringConvertible {
    let description: String
    let isTransient: Bool
    /// How long Slack asked to wait before the next call (a 429's `Retry-After`).
    let retryAfter: Duration?

    init(_ description: String, isTransient: Bool = false, retryAfter: Duration? = nil) {
        self.description = description
        self.isTransient = isTransient
        self.retryAfter = retryAfter
    }
}
