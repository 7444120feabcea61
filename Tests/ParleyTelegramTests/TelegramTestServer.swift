import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ParleyCore
import ParleyServer
import ParleyStore
import ParleyTasks
import ParleyTelegram
import ParleyTestSupport
import ParleyWorlds

/// A real Parley server on 127.0.0.1 serving the built-in demo config to Telegram, which talks to
/// a fake Bot API; its SQLite store lives in a directory that may outlive it (for restarts).
struct TelegramTestServer {
    static let secret = "test-secret_123"

    let api: FakeTelegramAPI
    let service: TelegramService
    let port: Int
    let directory: URL
    private let store: SQLiteStore
    private let running: RunningService

    /// The built-in demo config's menu: its task names and EXIT.
    static var menu: [String] {
        get throws { try demoConfig().taskNames + ["EXIT"] }
    }

    static func demoConfig() throws -> TaskConfig {
        try TaskConfig.parse(yaml: DemoFiles.config, file: "built-in demo config")
    }

    /// Starts a server (and a fake Bot API unless `api` is given); with `directory`, the store is
    /// the one there.
    static func start(
        api givenAPI: FakeTelegramAPI? = nil, polling: Bool = false, insecureDev: Bool = false, pollTimeout: Duration = .seconds(1),
        shutdownGrace: Duration = .milliseconds(300), idleTimeout: Duration = .seconds(3600), in givenDirectory: URL? = nil
    ) async throws -> TelegramTestServer {
        let api = if let givenAPI { givenAPI } else { try await FakeTelegramAPI.start() }
        let directory = givenDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("parley-telegram-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: directory.appendingPathComponent("parley.sqlite").path)
        var logger = Logger(label: "test.telegram")
        logger.logLevel = .critical
        let runtime = try WorldRuntime(
            config: demoConfig(), registry: .builtIn, transcripts: store, options: RuntimeOptions(shutdownGrace: shutdownGrace), logger: logger)
        let options = TelegramOptions(
            botToken: FakeTelegramAPI.token, secretToken: polling || insecureDev ? nil : secret, apiURL: api.url, polling: polling,
            pollTimeout: pollTimeout, insecureDev: insecureDev,
            maxAttempts: 4, retryDelay: .milliseconds(5), maxPollPause: .milliseconds(50), idleTimeout: idleTimeout)
        let service = try TelegramService(options: options, runtime: runtime, ledger: store, logger: logger)
        let running = try await RunningService.start(logger: logger) { onRunning in
            ParleyServer(host: "127.0.0.1", port: 0, runtime: runtime, services: [service], logger: logger, onRunning: onRunning)
        }
        return TelegramTestServer(
            api: api, service: service, port: running.port, directory: directory, store: store, running: running)
    }

    /// Posts `update` to the webhook with `secret` in the secret header (none when nil); the status
    /// and body of the answer.
    @discardableResult
    func post(_ update: JSONValue, secret: String? = Self.secret) async throws -> (status: Int, body: String) {
        try await post(raw: update.jsonText(), secret: secret)
    }

    /// Posts `body` as it is to the webhook.
    func post(raw body: String, secret: String? = Self.secret) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(TelegramService.webhookPath)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let secret { request.headers.add(name: TelegramService.secretHeader, value: secret) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let answer = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: answer))
    }

    /// The value of the service's metric `name`.
    func metric(_ name: String) -> Int? {
        service.metrics().first { $0.name == name }?.value
    }

    /// Waits until the server stops by itself (a service failed); throws its error.
    func stopped() async throws {
        try await running.stopped()
    }

    /// Shuts the server down gracefully and waits until it has stopped; the fake Bot API is
    /// stopped too when `stoppingAPI`.
    func stop(stoppingAPI: Bool = true) async throws {
        try await running.stop()
        try store.close()
        if stoppingAPI { try await api.stop() }
    }
}
