import AsyncHTTPClient
import BenchSupport
import Foundation
import Logging
import NIOCore
import ParleyServer
import ParleySlack
import ParleyStore
import ParleyTasks
import ParleyTelegram
import ParleyWorlds
import ServiceLifecycle
import Synchronization

// Webhook-to-reply latency of a chat service with the echo task at a steady rate of events, through
// a fake platform API, and the memory each remembered idle person costs.
//
//   swift run -c release --package-path Benchmarks ServiceBench telegram|slack [RATE] [SECONDS] [PEOPLE] [IDLE]
/// Prints a line at once, also into a pipe.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let arguments = CommandLine.arguments.dropFirst()
guard let platform = arguments.first.flatMap(Platform.init(rawValue:)) else {
    say("usage: ServiceBench telegram|slack [RATE=200] [SECONDS=20] [PEOPLE=200] [IDLE=5000]")
    exit(64)
}
let numbers = arguments.dropFirst().compactMap { Int($0) }
let rate = numbers.count > 0 ? numbers[0] : 200
let seconds = numbers.count > 1 ? numbers[1] : 20
let peopleCount = numbers.count > 2 ? numbers[2] : 200
let idleCount = numbers.count > 3 ? numbers[3] : 5000

var logger = Logger(label: "bench")
logger.logLevel = ProcessInfo.processInfo.environment["BENCH_LOG"] == nil ? .error : .debug
let fake = try await FakePlatform.start(platform)
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-service-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let store = try SQLiteStore(path: folder.appendingPathComponent("parley.sqlite").path)
// The demo config, with room for every person at once (it allows 30 worlds).
let config = try TaskConfig.parse(yaml: DemoFiles.config.replacingOccurrences(of: "max_workers: 30", with: "max_workers: 100000"), file: "demo.yml")
let runtime = try WorldRuntime(config: config, registry: .builtIn, transcripts: store, logger: logger)
let secrets = ServiceSecrets([
    TelegramService.botTokenKey: "123:bench", TelegramService.secretTokenKey: Platform.telegramSecret,
    SlackService.signingSecretKey: Platform.slackSigningSecret, SlackService.botTokenKey: "xoxb-bench",
])
let setup = ServiceSetup(runtime: runtime, config: config, secrets: secrets, ledger: store, logger: logger)
let kind = platform == .telegram ? TelegramService.kind(apiURL: fake.baseURL) : SlackService.kind(apiURL: fake.baseURL)
let service = try kind.make(setup)
let (ports, portInput) = AsyncStream.makeStream(of: Int.self)
let server = ParleyServer(host: "127.0.0.1", port: 0, runtime: runtime, services: [service], logger: logger) { portInput.yield($0) }
let group = ServiceGroup(services: [server], logger: logger)
let serving = Task { try await group.run() }
var boundPort = 0
for await bound in ports {
    boundPort = bound
    break
}
let port = boundPort

/// Hands out arrived texts by content; a waiter for a text not yet arrived is woken when it does.
actor Arrivals {
    private var arrived: [String: ContinuousClock.Instant] = [:]
    private var waiting: [String: CheckedContinuation<ContinuousClock.Instant, Never>] = [:]
    /// Arrivals counted by prefix, from the first `waitFor` of the prefix on.
    private var counts: [String: Int] = [:]
    private var countWaiters: [(prefix: String, count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    func record(_ text: String, at instant: ContinuousClock.Instant) {
        if let waiter = waiting.removeValue(forKey: text) { waiter.resume(returning: instant) } else { arrived[text] = instant }
        for prefix in counts.keys where text.hasPrefix(prefix) { counts[prefix, default: 0] += 1 }
        countWaiters.removeAll { waiter in
            guard counts[waiter.prefix, default: 0] >= waiter.count else { return false }
            waiter.continuation.resume()
            return true
        }
    }

    func arrival(of text: String) async -> ContinuousClock.Instant {
        if let instant = arrived.removeValue(forKey: text) { return instant }
        return await withCheckedContinuation { waiting[text] = $0 }
    }

    /// Waits until `count` texts starting with `prefix` have arrived since the first call for it.
    func waitFor(_ count: Int, startingWith prefix: String) async {
        if counts[prefix] == nil { counts[prefix] = 0 }
        if counts[prefix, default: 0] >= count { return }
        await withCheckedContinuation { countWaiters.append((prefix, count, $0)) }
    }
}

let arrivals = Arrivals()
let listening = Task {
    for await (text, instant) in fake.texts { await arrivals.record(text, at: instant) }
}
let eventNumber = Atomic<Int>(1)

/// Posts `person`'s `text` to the webhook; returns when the post is answered.
@Sendable func say(_ text: String, as person: Int) async throws {
    let number = eventNumber.add(1, ordering: .relaxed).newValue
    let (body, headers) = platform.webhook(number: number, person: person, text: text)
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(platform.webhookPath)")
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    request.body = .bytes(ByteBuffer(string: body))
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    guard response.status == .ok else { throw BenchFailure("the webhook answered \(response.status) to \(body)") }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// Every person reaches the echo task: the menu, then the echo onboarding.
say("\(platform): \(peopleCount) people into the echo task...")
await arrivals.waitFor(0, startingWith: "Onboarding: ")
try await withThrowingTaskGroup(of: Void.self) { group in
    for person in 0..<peopleCount {
        group.addTask {
            try await say("hi", as: person)
            try await say("echo", as: person)
        }
    }
    try await group.waitForAll()
}
await arrivals.waitFor(peopleCount, startingWith: "Onboarding: ")

// The measured load: `rate` events a second, spread over the people, each echoed back.
say("\(platform): \(rate) events/s for \(seconds) s...")
let total = rate * seconds
let interval = Duration.seconds(1) / rate
let start = ContinuousClock.now
let latencies = try await withThrowingTaskGroup(of: UInt64.self) { group in
    for index in 0..<total {
        try await Task.sleep(until: start + interval * index, clock: .continuous)
        group.addTask {
            let text = "m\(index)"
            let sent = ContinuousClock.now
            try await say(text, as: index % peopleCount)
            let arrived = await arrivals.arrival(of: "World: \(text)")
            let elapsed = arrived - sent
            return UInt64(elapsed.components.seconds) * 1_000_000_000 + UInt64(elapsed.components.attoseconds / 1_000_000_000)
        }
    }
    var all: [UInt64] = []
    for try await latency in group { all.append(latency) }
    return all
}
let elapsed = ContinuousClock.now - start
let stats = LatencyStats(latencies)
say(String(format: "%@: %d events in %.1f s; webhook to reply p50 %.2f ms, p99 %.2f ms, max %.2f ms",
    platform.rawValue, stats.count, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
    stats.percentile(0.5), stats.percentile(0.99), stats.maximum))

// Memory per remembered idle person: `idleCount` new people say hello once and are shown the menu.
let before = ResidentMemory.bytes() ?? 0
await arrivals.waitFor(0, startingWith: "Overworld: Welcome")
for batch in stride(from: 0, to: idleCount, by: 500) {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for person in batch..<min(idleCount, batch + 500) {
            group.addTask { try await say("hi", as: 100_000 + person) }
        }
        try await group.waitForAll()
    }
}
await arrivals.waitFor(idleCount, startingWith: "Overworld: Welcome")
let after = ResidentMemory.bytes() ?? 0
say(String(format: "%@: %d idle people held %.1f MiB more: %.1f KiB each",
    platform.rawValue, idleCount, Double(after - before) / 1_048_576, Double(after - before) / 1024 / Double(idleCount)))

listening.cancel()
await group.triggerGracefulShutdown()
try await serving.value
try await fake.stop()
try store.close()
try? FileManager.default.removeItem(at: folder)
