/// Lets a few browser sessions run at once: every headless Chromium is several processes, and a
/// whole test run that starts them all together starves the other tests of processor time.
/// A test counts once however many sessions it opens inside another (two people chatting).
actor BrowserGate {
    static let shared = BrowserGate(limit: 2)

    @TaskLocal private static var isInside = false

    private let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = limit
    }

    /// Runs `body` once fewer than `limit` others are running.
    nonisolated func run<Value: Sendable>(_ body: () async throws -> Value) async throws -> Value {
        if Self.isInside { return try await body() }
        await enter()
        do {
            let value = try await Self.$isInside.withValue(true) { try await body() }
            await leave()
            return value
        } catch {
            await leave()
            throw error
        }
    }

    private func enter() async {
        guard running >= limit else {
            running += 1
            return
        }
        // The one who leaves hands its place over: `running` stays as it is.
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }
}
