import Foundation
import Hummingbird
import ParleyCore
import ParleyMind

/// The fields of a `/reply` request, read from the query (GET) or from a form or JSON body (POST).
struct ReplyRequest: Sendable {
    var input: String?
    /// The conversation data sent back by the caller (stateless mode).
    var data: JSONValue?
    var mind: String?
    var url: String?
    var userID: String?
    /// The API key (field `key` or `Authorization: Bearer KEY`), for when keys are configured.
    var key: String?
    /// The request's `Host` header, to recognise URLs of this server.
    var host: String?

    /// Whether the server keeps the state: a user id and no data.
    var isStateful: Bool { userID != nil && data == nil }

    /// Reads the request's fields (from the query for `GET` and `HEAD`); throws for a body over
    /// 256 KiB, a content type other than a form or JSON, or a malformed body.
    static func read(_ request: Request) async throws -> ReplyRequest {
        var fields: ReplyRequest
        if request.method == .get || request.method == .head {
            fields = try ReplyRequest(form: FormFields(parsing: request.uri.query ?? "", source: "query"))
        } else {
            let body = try await Self.body(of: request)
            switch request.headers.firstValue(.contentType).map(MediaType.of) {
            case "application/json"?:
                fields = try ReplyRequest(json: Self.json(body))
            case nil, "application/x-www-form-urlencoded"?:
                fields = try ReplyRequest(form: FormFields(parsing: body, source: "form body"))
            case let other?:
                throw ReplyAPIError(
                    status: .unsupportedMediaType, code: "invalid_request",
                    message: "unsupported content type \(other): send application/x-www-form-urlencoded or application/json")
            }
        }
        if fields.key == nil { fields.key = bearerKey(request.headers) }
        fields.host = request.head.authority
        return fields
    }

    /// The key of an `Authorization: Bearer KEY` header.
    static func bearerKey(_ headers: HTTPFields) -> String? {
        guard let authorization = headers.firstValue(.authorization), authorization.lowercased().hasPrefix("bearer ") else {
            return nil
        }
        return String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
    }

    /// The fields of a form or query; `data` is the JSON text of the data (empty means none).
    init(form: FormFields) throws(ReplyAPIError) {
        input = form["input"]
        mind = form["mind"]
        url = form["url"]
        userID = form["userid"]
        key = form["key"]
        if let text = form["data"], !text.isEmpty {
            do {
                data = try JSONValue.parse(text)
            } catch {
                throw ReplyAPIError(MindError.invalidData("data is not valid JSON (\(error))"))
            }
        }
    }

    /// The fields of a JSON object body.
    init(json: JSONValue) throws(ReplyAPIError) {
        guard case .object(let members) = json else {
            throw .invalidRequest("the JSON body must be an object, e.g. {\"input\": \"hello\"}")
        }
        input = try Self.text(members, "input")
        mind = try Self.text(members, "mind")
        url = try Self.text(members, "url")
        userID = try Self.text(members, "userid")
        key = try Self.text(members, "key")
        // A JSON null is no data, like no member at all.
        data = members["data"] == .null ? nil : members["data"]
    }

    /// The text member `name` of a JSON object body; nil when absent or null (the studio's bodies
    /// are read the same way).
    static func text(_ members: [String: JSONValue], _ name: String) throws(ReplyAPIError) -> String? {
        switch members[name] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw .invalidRequest("the field \(name) must be text")
        }
    }

    /// The body as text, refusing more than `ReplyAPIOptions.maximumBodyBytes` and invalid UTF-8.
    private static func body(of request: Request) async throws -> String {
        var request = request
        let buffer = try await request.collectLimitedBody()
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw ReplyAPIError.invalidRequest("the body is not valid UTF-8")
        }
        return text
    }

    /// A JSON body, or `invalid_request` saying why it is not one.
    static func json(_ body: String) throws(ReplyAPIError) -> JSONValue {
        do {
            return try JSONValue.parse(body)
        } catch {
            throw .invalidRequest("the body is not valid JSON (\(error))")
        }
    }
}
