import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import ParleyCore

/// Posts webhook events to a Parley server as Facebook does, signed with the app secret.
struct MessengerWebhookClient {
    static let appSecret = "test-app-secret"
    static let verifyToken = "test-verify-token"
    static let pageToken = "test-page-token"
    static let pageID = "777"
    /// Long, for a busy machine: the server answers at once, so this only bounds one that never does.
    static let timeout = TimeAmount.seconds(50)

    let port: Int
    var url: String { "http://127.0.0.1:\(port)/messenger/webhook" }

    /// `sha256=` and the hex HMAC-SHA256 of `body` with `secret`.
    static func signature(_ body: String, secret: String = appSecret) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Posts `body` with `signature` (the right one by default; nil sends none); returns the status.
    @discardableResult
    func post(_ body: String, signature: String?? = .none) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let header = signature ?? Self.signature(body) {
            request.headers.add(name: "X-Hub-Signature-256", value: header)
        }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: Self.timeout)
        _ = try await response.body.collect(upTo: 1 << 16)
        return Int(response.status.code)
    }

    /// `GET` with these query items; returns the status and the body.
    func get(query: String) async throws -> (status: Int, body: String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url + "?" + query), timeout: Self.timeout)
        let body = try await response.body.collect(upTo: 1 << 16)
        return (Int(response.status.code), String(buffer: body))
    }

    /// Sends one text message from `psid`.
    func say(_ text: String, from psid: String = "1001", mid: String = UUID().uuidString) async throws {
        try await post(Self.entries([[Self.message(text, from: psid, mid: mid)]]))
    }

    /// A webhook body with one entry per list of `messaging` items.
    static func entries(_ entries: [[JSONValue]]) -> String {
        let list = entries.map { items -> JSONValue in
            ["id": .string(pageID), "time": 1_700_000_000_000, "messaging": .array(items)]
        }
        return JSONValue.object(["object": "page", "entry": .array(list)]).jsonText()
    }

    /// A `messaging` item carrying a text message; `quickReply` makes it a quick reply tap.
    static func message(_ text: String, from psid: String = "1001", mid: String = UUID().uuidString, quickReply: String? = nil, echo: Bool = false) -> JSONValue {
        var message: [String: JSONValue] = ["mid": .string(mid), "text": .string(text)]
        if let quickReply { message["quick_reply"] = ["payload": .string(quickReply)] }
        if echo { message["is_echo"] = true }
        return [
            "sender": ["id": .string(echo ? pageID : psid)], "recipient": ["id": .string(echo ? psid : pageID)],
            "timestamp": 1_700_000_000_000, "message": .object(message),
        ]
    }

    /// A `messaging` item carrying a postback (a Get Started or menu button); a nil `mid` is left out.
    static func postback(
        _ payload: String, from psid: String = "1001", mid: String? = UUID().uuidString, timestamp: Double = 1_700_000_000_000
    ) -> JSONValue {
        var postback: [String: JSONValue] = ["title": "Get Started", "payload": .string(payload)]
        postback["mid"] = mid.map(JSONValue.string)
        return [
            "sender": ["id": .string(psid)], "recipient": ["id": .string(pageID)], "timestamp": .number(timestamp),
            "postback": .object(postback),
        ]
    }
}
