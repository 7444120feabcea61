import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization

/// A real HTTP server on 127.0.0.1 (ephemeral port) standing in for the hosts the reply API
/// calls out to: rulebase hosts and tag handlers. Counts the requests to each path.
final class UpstreamServer: Sendable {
    private let counts = Mutex<[String: Int]>([:])
    /// Opened when the test is done with slow answers, so that none outlives the test.
    let gate = TestGate()

    /// How many requests reached `path`.
    func requests(to path: String) -> Int { counts.withLock { $0[path, default: 0] } }

    /// Serves `routes` while `body` runs with the server's base URL (`http://127.0.0.1:PORT`).
    func serve<Value: Sendable>(
        _ routes: (Router<BasicRequestContext>) -> Void, _ body: @Sendable (String) async throws -> Value
    ) async throws -> Value {
        let router = Router()
        router.add(middleware: CountingMiddleware(server: self))
        routes(router)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: ReplyAPIHarness.logger)
        return try await app.test(.live) { client in
            defer { gate.open() }
            return try await body("http://127.0.0.1:\(client.port ?? 0)")
        }
    }

    fileprivate func count(_ path: String) {
        counts.withLock { $0[path, default: 0] += 1 }
    }

    private struct CountingMiddleware: RouterMiddleware {
        let server: UpstreamServer

        func handle(
            _ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response
        ) async throws -> Response {
            server.count(request.uri.path)
            return try await next(request, context)
        }
    }
}

/// A one-way gate: `wait()` returns once `open()` was called.
final class TestGate: Sendable {
    private let state = Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                if state.open { return true }
                state.waiting.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func open() {
        let waiting = state.withLock { state in
            state.open = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}
