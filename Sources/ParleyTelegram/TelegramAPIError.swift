/// A Bot API call that failed: Telegram's refusal (with its description) or no answer at all.
public struct TelegramAPIError: Error, CustomStringConvertible, Sendable {
    /// The Bot API method called, e.g. `sendMessage`.
    public let method: String
    /// The HTTP status Telegram answered (its `error_code`); nil when no answer came.
    public let status: Int?
    /// Telegram's `description`, or why no answer came.
    public let reason: String
    /// How long Telegram asked to wait before trying again (`parameters.retry_after`).
    public let retryAfter: Duration?

    public init(method: String, status: Int?, reason: String, retryAfter: Duration? = nil) {
        self.method = method
        self.status = status
        self.reason = reason
        self.retryAfter = retryAfter
    }

    /// Worth trying again: no answer, throttling (429) or a server error (5xx).
    public var isTransient: Bool {
        guard let status else { return true }
        return status == 429 || status >= 500
    }

    public var description: String {
        if let status { "Telegram \(method) answered \(status): \(reason)" } else { "Telegram \(method) failed: \(reason)" }
    }
}
