import Foundation
import Hummingbird
import Logging
import ParleyCore
import ParleyServer
import ParleyStore
import ParleyTasks
import ParleyWorlds
import SMSGateway
import ServiceLifecycle
import Testing

/// The SMS service on a real Parley server, with a fake gateway on 127.0.0.1 receiving its texts.
@Suite(.timeLimit(.minutes(5)))
struct SMSServiceTests {
    static let token = "test-token"

    @Test func aTextedConversationGoesThroughTheMenuToTheEchoTask() async throws {
        try await withServer { (parley, gateway) async throws in
            #expect(try await parley.text("hi", from: "+15550100") == .ok)
            #expect(await gateway.next().text.hasPrefix("Overworld: Welcome to Parley!"))
            #expect(try await parley.text("echo", from: "+15550100") == .ok)
            #expect(await gateway.next().text == "Overworld: Transferring to echo")
            #expect(await gateway.next().text.hasPrefix("Onboarding: Welcome to the onboarding world"))
            #expect(try await parley.text("hello", from: "+15550100") == .ok)
            let echoed = await gateway.next()
            #expect(echoed == Text(to: "+15550100", text: "World: hello"))
        }
    }

    @Test func aPostWithoutTheTokenIsRefusedAndNotHandled() async throws {
        try await withServer { (parley, gateway) async throws in
            #expect(try await parley.text("hi", from: "+15550199", token: "wrong") == .unauthorized)
            #expect(try await parley.text("hi", from: "+15550100") == .ok)
            // The first text that reaches the gateway is the answer to the one with the token.
            #expect(await gateway.next().to == "+15550100")
        }
    }

    @Test func theServiceNeedsItsTokenAndGatewayURL() throws {
        let store = try SQLiteStore.temporary()
        // The package's config without its gateway URL.
        let text = try String(contentsOf: Self.packageFolder.appendingPathComponent("config.yml"), encoding: .utf8)
            .replacingOccurrences(of: "sms_gateway_url:", with: "other_url:")
        let config = try TaskConfig.parse(yaml: text, file: "config.yml")
        let runtime = try WorldRuntime(config: config, registry: .builtIn, transcripts: store)
        #expect(throws: ServiceSecretsError.self) {
            try SMSService(setup: ServiceSetup(runtime: runtime, config: config, secrets: ServiceSecrets(), ledger: store, logger: Logger(label: "test")))
        }
        let secrets = ServiceSecrets([SMSService.tokenKey: Self.token])
        #expect(throws: ServiceSecretsError.self) {
            try SMSService(setup: ServiceSetup(runtime: runtime, config: config, secrets: secrets, ledger: store, logger: Logger(label: "test")))
        }
    }

    /// Runs `body` with Parley serving the package's config (its gateway URL pointed at a fake gateway).
    private func withServer(_ body: (ParleyClient, FakeGateway) async throws -> Void) async throws {
        let gateway = try await FakeGateway.start()
        let configText = try String(contentsOf: Self.packageFolder.appendingPathComponent("config.yml"), encoding: .utf8)
            .replacingOccurrences(of: "http://127.0.0.1:9090/send", with: gateway.url)
        let config = try TaskConfig.parse(yaml: configText, file: "config.yml")
        let store = try SQLiteStore.temporary()
        var logger = Logger(label: "test.sms")
        logger.logLevel = .error
        let runtime = try WorldRuntime(
            config: config, registry: .builtIn, transcripts: store, options: RuntimeOptions(shutdownGrace: .milliseconds(300)), logger: logger)
        let setup = ServiceSetup(
            runtime: runtime, config: config, secrets: ServiceSecrets([SMSService.tokenKey: Self.token]), ledger: store, logger: logger)
        let (ports, portInput) = AsyncStream.makeStream(of: Int.self)
        let server = ParleyServer(host: "127.0.0.1", port: 0, runtime: runtime, services: [try SMSService(setup: setup)], logger: logger) {
            portInput.yield($0)
        }
        let group = ServiceGroup(services: [server], logger: logger)
        let running = Task { try await group.run() }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        let result = await Result { try await body(ParleyClient(port: port), gateway) }
        await group.triggerGracefulShutdown()
        try await running.value
        try await gateway.stop()
        try result.get()
    }

    private static let packageFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

extension Result where Failure == any Error {
    fileprivate init(_ body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
