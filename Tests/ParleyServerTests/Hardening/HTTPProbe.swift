/// One HTTP/1.1 request over a raw connection, answer read until the server closes it.
enum HTTPProbe {
    struct Answer {
        var status: Int
        var head: String
        var body: String
    }

    /// Sends `method path` with `headers` (Host defaults to 127.0.0.1:port) and `Connection: close`.
    static func request(
        _ method: String = "GET", _ path: String, port: Int, headers: [String] = [], from source: String? = nil
    ) async throws -> Answer {
        let client = try await RawClient.connect(port: port, from: source)
        var lines = ["\(method) \(path) HTTP/1.1"]
        if !headers.contains(where: { $0.lowercased().hasPrefix("host:") }) { lines.append("Host: 127.0.0.1:\(port)") }
        lines += headers + ["Connection: close", "Content-Length: 0"]
        _ = await client.send(lines.joined(separator: "\r\n") + "\r\n\r\n")
        return parse(String(decoding: try await client.readToEnd(), as: UTF8.self))
    }

    static func get(_ path: String, port: Int, headers: [String] = []) async throws -> Answer {
        try await request("GET", path, port: port, headers: headers)
    }

    /// The status, head and body of a response's text (status 0 when there is none).
    static func parse(_ text: String) -> Answer {
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return Answer(status: status, head: head, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}
