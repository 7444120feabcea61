import Foundation
import ParleyServer
import Testing

/// Connections that send nothing, too little or nonsense are answered and closed in time, and the
/// server holds no more connections than its limits, in all and per client address.
@Suite(.timeLimit(.minutes(5)))
struct ConnectionLimitTests {
    static let quick = ConnectionLimits(requestHeadTimeout: .milliseconds(500), idleTimeout: .milliseconds(500))

    @Test func aSilentConnectionIsClosedAfterTheHeadTimeout() async throws {
        let worlds = try await WorldsServer.start(connections: Self.quick)
        let client = try await RawClient.connect(port: worlds.port)
        let answer = HTTPProbe.parse(String(decoding: try await client.readToEnd(timeout: 20), as: UTF8.self))
        #expect(answer.status == 408)
        try await worlds.stop()
    }

    @Test func aPartialHeadIsAnswered408AndClosed() async throws {
        let worlds = try await WorldsServer.start(connections: Self.quick)
        let client = try await RawClient.connect(port: worlds.port)
        #expect(await client.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "))
        let answer = HTTPProbe.parse(String(decoding: try await client.readToEnd(timeout: 20), as: UTF8.self))
        #expect(answer.status == 408)
        #expect(answer.head.contains("Connection: close"))
        try await worlds.stop()
    }

    @Test func anIdleKeepAliveConnectionIsClosed() async throws {
        let worlds = try await WorldsServer.start(
            connections: ConnectionLimits(requestHeadTimeout: .seconds(60), idleTimeout: .milliseconds(500)))
        let client = try await RawClient.connect(port: worlds.port)
        #expect(await client.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
        let answer = HTTPProbe.parse(String(decoding: try await client.readToEnd(timeout: 20), as: UTF8.self))
        #expect(answer.status == 200)
        #expect(answer.body == "ok")
        try await worlds.stop()
    }

    static let malformed: [(name: String, request: [UInt8], status: Int)] = [
        ("unknown method", Array("FOO / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8), 400),
        ("two Content-Length", Array("POST /reply HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab".utf8), 400),
        ("Content-Length with Transfer-Encoding",
         Array("POST /reply HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n".utf8), 400),
        ("1 MB header", Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: \(String(repeating: "a", count: 1_000_000))\r\n\r\n".utf8), 431),
        // The start of a TLS 1.2 ClientHello: a TLS client that reached the plain port.
        ("TLS ClientHello", [0x16, 0x03, 0x01, 0x00, 0xA5, 0x01, 0x00, 0x00, 0xA1, 0x03, 0x03] + Array(repeating: 0x2A, count: 32), 400),
    ]

    @Test(arguments: malformed.indices)
    func aMalformedRequestGetsAnErrorAndAClose(index: Int) async throws {
        let (name, request, status) = Self.malformed[index]
        let worlds = try await WorldsServer.start(connections: ConnectionLimits(requestHeadTimeout: .seconds(60)))
        let client = try await RawClient.connect(port: worlds.port)
        // Read while sending: the server may answer before the whole request is in.
        async let answer = client.readToEnd(timeout: 20)
        _ = await client.send(request)
        let response = HTTPProbe.parse(String(decoding: try await answer, as: UTF8.self))
        #expect(response.status == status, "\(name): \(response.head)")
        try await worlds.stop()
    }

    /// A kept-alive connection the server has certainly admitted: it has answered a request on it.
    static func held(port: Int, from source: String? = nil) async throws -> RawClient {
        let client = try await RawClient.connect(port: port, from: source)
        #expect(await client.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
        #expect(try await client.readHead().hasPrefix("HTTP/1.1 200"))
        return client
    }

    @Test func connectionsOverTheAddressLimitAreRefusedAndOtherAddressesServed() async throws {
        let worlds = try await WorldsServer.start(
            connections: ConnectionLimits(maxConnections: 100, maxConnectionsPerAddress: 3, requestHeadTimeout: .seconds(60)))
        var held: [RawClient] = []
        for _ in 0..<3 { held.append(try await Self.held(port: worlds.port)) }
        let refused = try await RawClient.connect(port: worlds.port)
        let answer = HTTPProbe.parse(String(decoding: try await refused.readToEnd(timeout: 20), as: UTF8.self))
        #expect(answer.status == 503)
        #expect(answer.body.contains("too many connections from your address"))
        let other = try await HTTPProbe.request("GET", "/health", port: worlds.port, from: "127.0.0.2")
        #expect(other.status == 200)
        let metrics = try await HTTPProbe.request("GET", "/metrics", port: worlds.port, from: "127.0.0.3")
        #expect(metrics.body.contains("parley_connections_refused_total 1\n"))
        #expect(held.count == 3)
        try await worlds.stop()
    }

    @Test func connectionsOverTheServerLimitAreRefusedAtOnce() async throws {
        let worlds = try await WorldsServer.start(
            connections: ConnectionLimits(maxConnections: 4, maxConnectionsPerAddress: 0, requestHeadTimeout: .seconds(60)))
        var held: [RawClient] = []
        for index in 0..<4 { held.append(try await Self.held(port: worlds.port, from: "127.0.1.\(index + 1)")) }
        let refused = try await HTTPProbe.request("GET", "/health", port: worlds.port, from: "127.0.2.1")
        #expect(refused.status == 503)
        #expect(refused.head.contains("Retry-After"))
        #expect(held.count == 4)
        try await worlds.stop()
    }
}
