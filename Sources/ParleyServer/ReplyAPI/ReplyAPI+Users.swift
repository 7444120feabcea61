import Foundation
import Hummingbird
import ParleyCore
import ParleyStore

extension ReplyAPI {
    /// Exchanges per transcript page when the request gives no `limit`, and the most it may ask.
    static let defaultPageSize = 100
    static let maximumPageSize = 1000

    /// `GET /users/{userid}/transcript?after=ID&limit=N&mind=NAME`: the user's exchanges, oldest
    /// first, as `{"exchanges": [{"id", "mind", "input", "output", "time"}], "next": ID}`; `next`
    /// (present when the page is full) is the `after` of the next page.
    func transcript(userID: String?, request: Request) async throws -> Response {
        let userID = try Self.pathUserID(userID)
        let query = try FormFields(parsing: request.uri.query ?? "", source: "query")
        var after: Int64?
        if let text = query["after"] {
            guard let value = Int64(text), value >= 0 else {
                throw ReplyAPIError.invalidRequest("after must be an exchange id (a whole number >= 0), not \"\(text.prefix(40))\"")
            }
            after = value
        }
        var limit = Self.defaultPageSize
        if let text = query["limit"] {
            guard let value = Int(text), (1...Self.maximumPageSize).contains(value) else {
                throw ReplyAPIError.invalidRequest(
                    "limit must be a whole number from 1 to \(Self.maximumPageSize), not \"\(text.prefix(40))\"")
            }
            limit = value
        }
        let exchanges = try await store.transcript(mind: query["mind"], userID: userID, after: after, limit: limit)
        let time = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        var page: [String: JSONValue] = [
            "exchanges": .array(exchanges.map { exchange -> JSONValue in
                ["id": .number(Double(exchange.id)), "mind": .string(exchange.mind), "input": .string(exchange.input),
                 "output": .string(exchange.output), "time": .string(time.format(exchange.time))]
            })
        ]
        if exchanges.count == limit, let last = exchanges.last { page["next"] = .number(Double(last.id)) }
        return Self.jsonResponse(JSONValue.object(page).jsonText())
    }

    /// `DELETE /users/{userid}`: erases the user's state and transcript for every mind; `204`.
    func eraseUser(_ userID: String?) async throws -> Response {
        try await store.eraseUser(try Self.pathUserID(userID))
        return Response(status: .noContent)
    }

    /// The user id from the path, percent-decoded and validated.
    private static func pathUserID(_ segment: String?) throws(ReplyAPIError) -> String {
        guard let segment, let decoded = segment.removingPercentEncoding else {
            throw .invalidUserID("the user id in the path is not valid percent-encoding")
        }
        return try validUserID(decoded)
    }
}
