import AsyncHTTPClient
import Hummingbird
import NIOCore
import ParleyCore

/// Posts texts to Parley's `/sms/incoming` as the gateway would.
struct ParleyClient: Sendable {
    let port: Int

    /// Posts that `number` texted `text`; returns Parley's status.
    func text(_ text: String, from number: String, token: String = SMSServiceTests.token) async throws -> HTTPResponse.Status {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/sms/incoming")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.body = .bytes(ByteBuffer(string: JSONValue.object(["from": .string(number), "text": .string(text)]).jsonText()))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        return HTTPResponse.Status(code: Int(response.status.code))
    }
}
