import Foundation
import ParleyServer
import ParleyWorlds
import Testing

/// A graceful shutdown stops taking new HTTP requests: they get 503 with `Connection: close` and
/// `Retry-After`, on new and kept-alive connections alike, while the worlds finish.
@Suite(.timeLimit(.minutes(5)))
struct ShutdownDrainTests {
    @Test func newRequestsGet503WhileTheWorldsFinish() async throws {
        // A person in the echo world keeps the runtime's grace period open.
        let worlds = try await WorldsServer.start(options: RuntimeOptions(shutdownGrace: .seconds(20)))
        let person = try await WebSocketTestClient.connect(port: worlds.port)
        try await person.enterEcho()
        let keptAlive = try await RawClient.connect(port: worlds.port)
        #expect(await keptAlive.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
        #expect(try await keptAlive.readHead().hasPrefix("HTTP/1.1 200"))

        let stopping = Task { try await worlds.stop() }
        // The person is warned once the shutdown has begun.
        _ = try await person.next()
        let answer = try await HTTPProbe.get("/health", port: worlds.port)
        #expect(answer.status == 503)
        #expect(answer.head.contains("Connection: close"))
        #expect(answer.head.contains("Retry-After: 5"))
        #expect(answer.body.contains("shutting_down"))
        // The kept-alive connection gets the same answer, then is closed.
        #expect(await keptAlive.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
        let rest = String(decoding: try await keptAlive.readToEnd(timeout: 20), as: UTF8.self)
        #expect(rest.contains("HTTP/1.1 503"))
        await person.close()
        try await stopping.value
    }
}
