import Foundation
import Logging
import ParleyCore
import ParleyServer
import ParleyStore
import ParleyTasks
import ParleyTelegram
import ParleyWorlds
import Testing

@testable import ParleyCLI

/// `parley telegram setup`, and `parley serve`'s Telegram options.
@Suite(.timeLimit(.minutes(1))) struct TelegramCommandLineTests {
    /// A secrets file holding `lines`.
    private static func secretsFile(_ lines: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("telegram-secrets-\(UUID().uuidString)").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private static let bothSecrets = ["PARLEY_TELEGRAM_BOT_TOKEN=\(FakeTelegramAPI.token)", "PARLEY_TELEGRAM_SECRET_TOKEN=s3cret-token"]

    @Test func setupSetsTheWebhookWithTheSecretToken() async throws {
        let api = try await FakeTelegramAPI.start()
        let secrets = try Self.secretsFile(Self.bothSecrets)
        let command = try TelegramSetupCommand.parse([
            "--url", "https://chat.example.org/telegram/webhook", "--secrets", secrets, "--telegram-api-url", api.url,
        ])
        let said = try await command.perform()
        let call = await api.next("setWebhook")
        #expect(call.token == FakeTelegramAPI.token)
        #expect(call.body["url"] == "https://chat.example.org/telegram/webhook")
        #expect(call.body["secret_token"] == "s3cret-token")
        #expect(call.body["allowed_updates"] == ["message", "callback_query"])
        #expect(said.hasPrefix("Telegram webhook set to https://chat.example.org/telegram/webhook (Webhook was set)"))
        try await api.stop()
    }

    @Test func setupDeletesTheWebhookWithTheBotTokenAlone() async throws {
        let api = try await FakeTelegramAPI.start()
        let secrets = try Self.secretsFile(["PARLEY_TELEGRAM_BOT_TOKEN=\(FakeTelegramAPI.token)"])
        let command = try TelegramSetupCommand.parse(["--delete", "--secrets", secrets, "--telegram-api-url", api.url])
        let said = try await command.perform()
        #expect(await api.next("deleteWebhook").token == FakeTelegramAPI.token)
        #expect(said.hasPrefix("Telegram webhook deleted (Webhook was deleted)"))
        try await api.stop()
    }

    @Test func setupReportsTelegramsRefusal() async throws {
        let api = try await FakeTelegramAPI.start()
        await api.fail("setWebhook", [FakeTelegramAPI.refusal(400, "Bad Request: bad webhook: Failed to resolve host: Name or service not known")])
        let secrets = try Self.secretsFile(Self.bothSecrets)
        let command = try TelegramSetupCommand.parse([
            "--url", "https://nowhere.invalid/telegram/webhook", "--secrets", secrets, "--telegram-api-url", api.url,
        ])
        let error = await #expect(throws: CommandFailure.self) { try await command.perform() }
        #expect(error?.description == "Telegram setWebhook answered 400: Bad Request: bad webhook: Failed to resolve host: Name or service not known")
        try await api.stop()
    }

    @Test func setupNamesMissingSecretsAndChecksItsOptions() async throws {
        let secrets = try Self.secretsFile(["PARLEY_TELEGRAM_BOT_TOKEN=\(FakeTelegramAPI.token)"])
        let command = try TelegramSetupCommand.parse(["--url", "https://chat.example.org/telegram/webhook", "--secrets", secrets])
        let error = await #expect(throws: CommandFailure.self) { try await command.perform() }
        #expect(error?.description.hasPrefix("parley telegram setup needs PARLEY_TELEGRAM_SECRET_TOKEN") == true)
        #expect(throws: (any Error).self) { try TelegramSetupCommand.parse([]) }
        #expect(throws: (any Error).self) { try TelegramSetupCommand.parse(["--url", "http://chat.example.org/telegram/webhook"]) }
        #expect(throws: (any Error).self) { try TelegramSetupCommand.parse(["--url", "https://chat.example.org/telegram/webhook", "--delete"]) }
    }

    @Test func serveNamesEveryMissingSecretAtOnce() throws {
        #expect(try TelegramArguments.parse([]).kind == nil)
        let webhook = try #require(try TelegramArguments.parse(["--telegram"]).kind)
        #expect(webhook.name == "telegram")
        #expect(webhook.secretKeys == ["PARLEY_TELEGRAM_BOT_TOKEN", "PARLEY_TELEGRAM_SECRET_TOKEN"])
        let error = #expect(throws: TelegramConfigError.self) { try webhook.make(Self.setup([:])) }
        #expect(
            error?.description
                == "Telegram needs PARLEY_TELEGRAM_BOT_TOKEN, PARLEY_TELEGRAM_SECRET_TOKEN: set them in the environment or in the --secrets file (or pass --telegram-polling, which needs no secret token)"
        )
        let badSecret = #expect(throws: TelegramConfigError.self) {
            try webhook.make(Self.setup(["PARLEY_TELEGRAM_BOT_TOKEN": "1:x", "PARLEY_TELEGRAM_SECRET_TOKEN": "has spaces"]))
        }
        #expect(badSecret?.description.hasPrefix("PARLEY_TELEGRAM_SECRET_TOKEN must be 1 to 256 characters") == true)
        let service = try webhook.make(Self.setup(["PARLEY_TELEGRAM_BOT_TOKEN": "1:x", "PARLEY_TELEGRAM_SECRET_TOKEN": "ok_token-1"]))
        #expect(service.name == "telegram")
        #expect(service.announcement(baseURL: "http://127.0.0.1:1").first?.hasPrefix("Telegram webhook at http://127.0.0.1:1/telegram/webhook") == true)

        let polling = try TelegramArguments.parse(["--telegram-polling"])
        #expect(polling.telegram)
        let pollingKind = try #require(polling.kind)
        let pollingError = #expect(throws: TelegramConfigError.self) { try pollingKind.make(Self.setup([:])) }
        #expect(pollingError?.description == "Telegram needs PARLEY_TELEGRAM_BOT_TOKEN: set it in the environment or in the --secrets file")
        let pollingService = try pollingKind.make(Self.setup(["PARLEY_TELEGRAM_BOT_TOKEN": "1:x"]))
        #expect(pollingService.announcement(baseURL: "http://127.0.0.1:1") == ["Telegram polling https://api.telegram.org for updates (no webhook)"])
        #expect(throws: (any Error).self) { try TelegramArguments.parse(["--telegram", "--telegram-api-url", "ftp://example.org"]) }
    }

    /// What `parley serve` makes services with, given `secrets`.
    private static func setup(_ secrets: [String: String]) throws -> ServiceSetup {
        let config = try TelegramTestServer.demoConfig()
        let store = try SQLiteStore.temporary()
        let logger = Logger(label: "test.telegram.cli")
        let runtime = try WorldRuntime(config: config, registry: .builtIn, transcripts: store, logger: logger)
        return ServiceSetup(runtime: runtime, config: config, secrets: ServiceSecrets(secrets), ledger: store, logger: logger)
    }
}
