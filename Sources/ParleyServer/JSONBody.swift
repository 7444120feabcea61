import Hummingbird
import NIOCore
import ParleyCore

/// Reads a request's JSON object body for the JSON APIs (the studio, `/admin`, a person's data).
enum JSONBody {
    /// The body's members; empty without a body. Throws a 413 over `limit` bytes and a 400 for
    /// anything but UTF-8 JSON holding an object.
    static func object(_ request: Request, limit: Int) async throws -> [String: JSONValue] {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            let size = limit >= 1024 * 1024 ? "\(limit / 1024 / 1024) MiB" : "\(limit / 1024) KiB"
            throw ReplyAPIError(status: .contentTooLarge, code: "body_too_large", message: "the request body is over \(size)")
        }
        guard buffer.readableBytes > 0 else { return [:] }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw ReplyAPIError.invalidRequest("the body is not valid UTF-8")
        }
        guard case .object(let members) = try ReplyRequest.json(text) else {
            throw ReplyAPIError.invalidRequest("the JSON body must be an object")
        }
        return members
    }
}
