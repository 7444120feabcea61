import Foundation
import Logging
import ParleyServer
import ParleyWorlds

/// A Parley server with Messenger enabled, sending to a fake Graph API; both on 127.0.0.1.
struct MessengerTestServer {
    let worlds: WorldsServer
    let graph: FakeGraphServer
    let client: MessengerWebhookClient

    static func options(
        graphURL: String, appSecret: String? = MessengerWebhookClient.appSecret, insecureDev: Bool = false,
        idleTimeout: Duration = .seconds(3600)
    ) -> MessengerOptions {
        MessengerOptions(
            appSecret: appSecret, verifyToken: MessengerWebhookClient.verifyToken, pageToken: MessengerWebhookClient.pageToken,
            pageID: MessengerWebhookClient.pageID, graphURL: graphURL, insecureDev: insecureDev,
            maxAttempts: 4, retryDelay: .milliseconds(5), idleTimeout: idleTimeout)
    }

    /// Starts both servers; with `directory`, the store lives there and outlives the server.
    static func start(
        config: String = WorldsServer.demoConfig(), appSecret: String? = MessengerWebhookClient.appSecret, insecureDev: Bool = false,
        idleTimeout: Duration = .seconds(3600), in directory: URL? = nil, logger: Logger? = nil,
        options runtimeOptions: RuntimeOptions = RuntimeOptions(shutdownGrace: .milliseconds(300))
    ) async throws -> MessengerTestServer {
        let graph = try await FakeGraphServer.start()
        let worlds = try await WorldsServer.start(
            config: config, options: runtimeOptions,
            messenger: options(graphURL: graph.graphURL, appSecret: appSecret, insecureDev: insecureDev, idleTimeout: idleTimeout),
            in: directory, logger: logger)
        return MessengerTestServer(worlds: worlds, graph: graph, client: MessengerWebhookClient(port: worlds.port))
    }

    func stop() async throws {
        try await worlds.stop()
        try await graph.stop()
    }
}
