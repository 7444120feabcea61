import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP client with blocking sockets, for what the HTTP and WebSocket clients cannot do: send
/// bytes that are not HTTP, stop reading, hold a connection silent, choose the source address.
/// Every blocking call runs on a dispatch queue, never on Swift's cooperative threads, and times out.
final class RawClient: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let descriptor: Int32
    private var buffered: [UInt8] = []

    /// Connects to 127.0.0.1:`port` from `source` (any 127.x address; the default is the kernel's
    /// choice), with a small receive buffer when `receiveBuffer` is given; a send that moves no byte
    /// for `sendTimeout` seconds fails.
    init(port: Int, from source: String? = nil, receiveBuffer: Int? = nil, sendTimeout: Int = 30) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        if var size = receiveBuffer.map(Int32.init) {
            setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sendTimeout = timeval(tv_sec: sendTimeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
        if let source {
            var local = Self.address(source, port: 0)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else { throw Failure(description: "bind \(source): errno \(errno)") }
        }
        var remote = Self.address("127.0.0.1", port: port)
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failure(description: "connect: errno \(errno)")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Runs a blocking call off the cooperative threads.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Connects off the cooperative threads.
    static func connect(
        port: Int, from source: String? = nil, receiveBuffer: Int? = nil, sendTimeout: Int = 30
    ) async throws -> RawClient {
        try await blocking { try RawClient(port: port, from: source, receiveBuffer: receiveBuffer, sendTimeout: sendTimeout) }
    }

    /// Sends every byte; false when the connection is gone or takes nothing for 30 seconds.
    func send(_ bytes: [UInt8]) async -> Bool {
        (try? await Self.blocking { [self] in
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }) ?? false
    }

    func send(_ text: String) async -> Bool {
        await send(Array(text.utf8))
    }

    /// Reads until the server closes the connection; throws when it stays open `timeout` seconds
    /// without sending anything.
    func readToEnd(timeout seconds: Int = 30) async throws -> [UInt8] {
        try await Self.blocking { [self] in
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var all = buffered
            buffered = []
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                if count == 0 || (count < 0 && errno == ECONNRESET) { return all }
                guard count > 0 else { throw Failure(description: "the server kept the connection open (errno \(errno))") }
                all += chunk[..<count]
            }
        }
    }

    /// Reads exactly `count` bytes.
    private func read(_ count: Int) throws -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while buffered.count < count {
            let got = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard got > 0 else { throw Failure(description: got == 0 ? "closed" : "read failed: errno \(errno)") }
            buffered += chunk[..<got]
        }
        defer { buffered.removeFirst(count) }
        return Array(buffered[..<count])
    }

    /// Reads an HTTP response head (through the blank line).
    func readHead() async throws -> String {
        try await Self.blocking { [self] in
            var head: [UInt8] = []
            while head.suffix(4) != [13, 10, 13, 10] {
                head += try read(1)
            }
            return String(decoding: head, as: UTF8.self)
        }
    }

    /// Opens a WebSocket on `path` with `headers`; returns the response head.
    func upgrade(path: String = "/websocket", host: String = "127.0.0.1", headers: [String] = []) async throws -> String {
        let request = (["GET \(path) HTTP/1.1", "Host: \(host)", "Connection: Upgrade", "Upgrade: websocket",
                        "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="] + headers)
            .joined(separator: "\r\n") + "\r\n\r\n"
        guard await send(request) else { throw Failure(description: "could not send the upgrade") }
        return try await readHead()
    }

    /// Sends one masked WebSocket frame.
    func sendFrame(opcode: UInt8 = 1, _ payload: [UInt8]) async -> Bool {
        var frame: [UInt8] = [0x80 | opcode]
        switch payload.count {
        case ..<126: frame.append(0x80 | UInt8(payload.count))
        case ..<65_536: frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default: frame += [0x80 | 127] + (0..<8).reversed().map { UInt8((payload.count >> ($0 * 8)) & 0xFF) }
        }
        let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        return await send(frame)
    }

    /// Reads one WebSocket frame from the server: its opcode and payload.
    func readFrame() async throws -> (opcode: UInt8, payload: [UInt8]) {
        try await Self.blocking { [self] in
            let start = try read(2)
            var length = Int(start[1] & 0x7F)
            if length == 126 {
                length = try read(2).reduce(0) { $0 << 8 | Int($1) }
            } else if length == 127 {
                length = try read(8).reduce(0) { $0 << 8 | Int($1) }
            }
            return (start[0] & 0x0F, try read(length))
        }
    }

    private static func address(_ ip: String, port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, ip, &address.sin_addr)
        return address
    }
}
