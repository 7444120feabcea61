import HTTPTypes
import HummingbirdTesting
import NIOCore
import ParleyCore

/// Sends W3C WebDriver commands (JSON over HTTP) to a driver on 127.0.0.1.
///
/// HummingbirdTesting's client, not URLSession: chromedriver writes headers without a space after
/// the colon, which FoundationNetworking refuses.
struct WebDriverClient: Sendable {
    let port: Int

    /// How long one command may wait for the driver; commands that wait on the page (scripts,
    /// loads) are bounded by the session's own timeouts, which are shorter.
    static let commandTimeout: Duration = .seconds(120)

    /// Runs the command `method path` (e.g. `POST /session/ID/url`) and answers its `value`.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        var headers = HTTPFields()
        if body != nil { headers[.contentType] = "application/json; charset=utf-8" }
        let request = TestClient.Request(
            path, method: method, authority: "127.0.0.1:\(port)", headers: headers,
            body: body.map { ByteBuffer(string: $0.jsonText()) })
        let response = try await TestClient.withClient(
            host: "127.0.0.1", port: port, configuration: .init(timeout: Self.commandTimeout)
        ) { client in
            try await client.execute(request)
        }
        let text = String(buffer: response.body ?? ByteBuffer())
        let json: JSONValue
        do {
            json = try JSONValue.parse(text)
        } catch {
            throw WebDriverError(description: "\(method) \(path): \(response.status), not JSON: \(text.prefix(500))")
        }
        let value = json["value"] ?? .null
        guard response.status == .ok else {
            let code = value["error"]?.stringValue ?? "\(response.status)"
            let message = value["message"]?.stringValue ?? text
            throw WebDriverError(description: "\(method) \(path): \(code): \(message)")
        }
        return value
    }
}
