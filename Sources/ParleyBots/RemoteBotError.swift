import Foundation

/// Why a remote bot (a reply API or a chat-completions server) gave no answer.
public enum RemoteBotError: Error, Sendable, CustomStringConvertible {
    /// No connection, or it broke.
    case unreachable(url: URL, reason: String)
    /// No answer within the time limit.
    case timedOut(url: URL, after: Duration)
    /// An answer with a status other than 2xx.
    case status(url: URL, code: Int, body: String)
    /// A 2xx answer that is not what the API promises.
    case badAnswer(url: URL, reason: String)

    /// Whether trying again may help: connection failures, 429 and 5xx.
    var isTransient: Bool {
        switch self {
        case .unreachable: true
        case .status(_, let code, _): code == 429 || code >= 500
        case .timedOut, .badAnswer: false
        }
    }

    public var description: String {
        switch self {
        case .unreachable(let url, let reason): "\(url.absoluteString) is unreachable: \(reason)"
        case .timedOut(let url, let after): "\(url.absoluteString) did not answer within \(after)"
        case .status(let url, let code, let body): "\(url.absoluteString) answered \(code): \(body)"
        case .badAnswer(let url, let reason): "\(url.absoluteString) answered, but \(reason)"
        }
    }
}
