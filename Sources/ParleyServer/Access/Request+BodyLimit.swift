import Hummingbird
import NIOCore

extension Request {
    /// Reads the whole body into memory, refusing more than `ReplyAPIOptions.maximumBodyBytes`
    /// with `body_too_large`; the request keeps the body for the next reader.
    mutating func collectLimitedBody() async throws -> ByteBuffer {
        let limit = ReplyAPIOptions.maximumBodyBytes
        if let length = headers.firstValue(.contentLength).flatMap({ Int($0) }), length > limit {
            throw ReplyAPIError.bodyTooLarge
        }
        do {
            return try await collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw ReplyAPIError.bodyTooLarge
        }
    }
}
