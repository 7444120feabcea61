import NIOCore
import NIOPosix

/// Sends raw bytes to a server on 127.0.0.1 and reads everything it answers until it closes the
/// connection: for requests the test clients cannot make (chunked bodies without Content-Length).
enum RawHTTPConnection {
    /// - Parameter source: the local address to connect from (e.g. `127.0.0.2`, another client); any by default.
    static func exchange(port: Int, request: [UInt8], from source: String? = nil) async throws -> String {
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connectTimeout(.seconds(5))
        if let source { bootstrap = bootstrap.bind(to: try SocketAddress(ipAddress: source, port: 0)) }
        let channel = try await bootstrap
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: request))
            var answer = ByteBuffer()
            for try await chunk in inbound {
                answer.writeImmutableBuffer(chunk)
            }
            return String(buffer: answer)
        }
    }

    /// A chunked `POST` of `bodyBytes` bytes to `path`, in 64 KiB chunks, closing after the answer.
    static func chunkedPost(path: String, bodyBytes: Int) -> [UInt8] {
        var text = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        var left = bodyBytes
        while left > 0 {
            let size = min(left, 65_536)
            text += String(size, radix: 16) + "\r\n" + String(repeating: "a", count: size) + "\r\n"
            left -= size
        }
        text += "0\r\n\r\n"
        return Array(text.utf8)
    }
}
