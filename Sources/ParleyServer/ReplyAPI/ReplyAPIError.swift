import Foundation
import Hummingbird
import ParleyCore
import ParleyMind

/// An error answer of the reply API: `{"error": {"code", "message"[, "details"]}}` with its status.
public struct ReplyAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    /// The stable code clients test, e.g. `missing_input`.
    public var code: String
    /// A sentence for people saying what is wrong and where.
    public var message: String
    /// The rulebase's diagnostics, for `invalid_rulebase`.
    public var details: [Diagnostic]?
    /// Seconds after which the request may be tried again (`Retry-After`), for `rate_limited`.
    public var retryAfter: Int?

    public init(status: HTTPResponse.Status, code: String, message: String, details: [Diagnostic]? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { "\(code): \(message)" }

    /// A malformed request (body, content type or parameter).
    static func invalidRequest(_ message: String) -> ReplyAPIError {
        ReplyAPIError(status: .badRequest, code: "invalid_request", message: message)
    }

    static func invalidUserID(_ message: String) -> ReplyAPIError {
        ReplyAPIError(status: .badRequest, code: "invalid_userid", message: message)
    }

    /// 401 for a request without a key when keys are configured.
    static let missingKey = ReplyAPIError(
        status: .unauthorized, code: "bad_key",
        message: "this server needs an API key: send the key field or an Authorization: Bearer KEY header")

    /// 401 for a key that is not one of the configured keys.
    static let wrongKey = ReplyAPIError(
        status: .unauthorized, code: "bad_key", message: "the API key is not valid for this server")

    /// 429 with the seconds until the client may try again.
    static func rateLimited(retryAfter seconds: Double) -> ReplyAPIError {
        let wait = max(1, Int(seconds.rounded(.up)))
        var error = ReplyAPIError(
            status: .tooManyRequests, code: "rate_limited",
            message: "too many requests: try again in \(wait) second\(wait == 1 ? "" : "s")")
        error.retryAfter = wait
        return error
    }

    static let missingInput = ReplyAPIError(
        status: .badRequest, code: "missing_input", message: "the input field is missing")

    static let bodyTooLarge = ReplyAPIError(
        status: .contentTooLarge, code: "body_too_large",
        message: "the request body exceeds \(ReplyAPIOptions.maximumBodyBytes) bytes")

    /// The API answer for a turn that could not run.
    init(_ error: MindError) {
        let status: HTTPResponse.Status =
            switch error {
            case .inputTooLong, .invalidData: .badRequest
            case .dataTooLarge: .unprocessableContent
            }
        self.init(status: status, code: error.code, message: error.message)
    }

    /// The API answer for a mind that cannot be served.
    init(_ error: MindLibraryError) {
        switch error {
        case .unknownMind(let message):
            self.init(status: .notFound, code: "unknown_mind", message: message)
        case .invalidRulebase(let source, let diagnostics):
            let errors = diagnostics.filter { $0.severity == .error }.count
            self.init(
                status: .unprocessableContent, code: "invalid_rulebase",
                message: "the rulebase \(source) has \(errors) error\(errors == 1 ? "" : "s")", details: diagnostics)
        case .unreachable(let message):
            self.init(status: .badGateway, code: "rulebase_unreachable", message: message)
        case .invalidConfiguration(let message), .storeFailed(let message):
            self.init(status: .internalServerError, code: "internal_error", message: message)
        case .retired(let message):
            self.init(status: .gone, code: "mind_retired", message: message)
        }
    }

    /// The JSON body.
    var json: JSONValue {
        var error: [String: JSONValue] = ["code": .string(code), "message": .string(message)]
        if let details {
            error["details"] = .array(details.map { diagnostic -> JSONValue in
                StudioJSON.diagnostic(diagnostic)
            })
        }
        return ["error": .object(error)]
    }

    /// The HTTP response carrying this error.
    var response: Response {
        var response = ReplyAPI.jsonResponse(json.jsonText(), status: status)
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}
