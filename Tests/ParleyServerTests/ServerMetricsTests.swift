import Foundation
import HTTPTypes
import ParleyServer
import Prometheus
import Testing

@Suite("HTTP routes: /metrics")
struct ServerMetricsTests {
    @Test("Prometheus text: requests by route, method and status, latency histogram, mind cache, WebSocket connections")
    func exposition() async throws {
        let metrics = ServerMetrics()
        let server = try await ReplyServer.start(metrics: metrics)
        let webSocket = try await WebSocketTestClient.connect(port: server.port)
        await webSocket.say("hi")
        _ = try await webSocket.nextText()
        let text = try await server.withClient { client async throws in
            #expect(try await client.reply(["input": "hi"]).status == .ok)
            #expect(try await client.reply(["input": "hi"]).status == .ok)
            #expect(try await client.reply(["mind": "demo"]).status == .badRequest)
            #expect(try await client.send("/users/u1/transcript").status == .ok)
            #expect(try await client.send("/nowhere").status == .notFound)
            let url = server.minds.appendingPathComponent("greeter.json").absoluteString
            #expect(try await client.reply(["input": "hi", "url": url]).status == .ok)
            #expect(try await client.reply(["input": "hi", "url": url]).status == .ok)
            #expect(try await client.reply(["input": "hi", "url": url]).status == .ok)
            #expect(try await client.send("/health").status == .ok)
            let answer = try await client.send("/metrics")
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            return answer.text
        }
        let lines = Set(text.split(separator: "\n").map(String.init))
        #expect(lines.contains(#"parley_http_requests_total{route="/reply",method="POST",status="200"} 5"#), "\(text)")
        #expect(lines.contains(#"parley_http_requests_total{route="/reply",method="POST",status="400"} 1"#))
        #expect(lines.contains(#"parley_http_requests_total{route="/users/{userid}/transcript",method="GET",status="200"} 1"#))
        #expect(lines.contains(#"parley_http_requests_total{route="NotFound",method="GET",status="404"} 1"#))
        #expect(lines.contains(#"parley_http_requests_total{route="/health",method="GET",status="200"} 1"#))
        #expect(lines.contains("# TYPE parley_http_request_duration_seconds histogram"))
        #expect(lines.contains(#"parley_http_request_duration_seconds_count{route="/reply",method="POST"} 6"#))
        #expect(lines.contains { $0.hasPrefix(#"parley_http_request_duration_seconds_bucket{route="/reply",method="POST",le="+Inf"} 6"#) })
        #expect(lines.contains(#"parley_mind_cache_lookups_total{result="hit"} 2"#))
        #expect(lines.contains(#"parley_mind_cache_lookups_total{result="miss"} 1"#))
        #expect(lines.contains("parley_websocket_connections 1.0"))
        await webSocket.close()
        try await server.stop()
    }

    @Test("each server keeps its own registry: tests never touch the global metrics system")
    func separateRegistries() async throws {
        let (first, second) = (ServerMetrics(), ServerMetrics())
        let server = try await ReplyServer.start(metrics: first)
        try await server.withClient { client async throws in _ = try await client.send("/health") }
        #expect(first.registry.emitToString().contains(#"route="/health""#))
        #expect(!second.registry.emitToString().contains(#"route="/health""#))
        try await server.stop()
    }
}
