import ArgumentParser
import Foundation
import ParleyServer
import ParleyTelegram

/// `parley telegram setup`: points Telegram at Parley's webhook, or removes the webhook.
struct TelegramSetupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Points Telegram at the webhook of `parley serve --telegram` (setWebhook), or removes it (--delete).",
        discussion: """
            With --url, calls setWebhook with the URL, PARLEY_TELEGRAM_SECRET_TOKEN as its secret \
            token, and the updates Parley handles (message, callback_query). With --delete, calls \
            deleteWebhook, so that `parley serve --telegram-polling` can take the updates. Uses \
            PARLEY_TELEGRAM_BOT_TOKEN (and the secret token) from the environment or --secrets FILE.
            """
    )

    @Option(help: "The webhook's public HTTPS address, e.g. https://chat.example.org/telegram/webhook.")
    var url: String?

    @Flag(help: "Remove the webhook instead, for --telegram-polling.")
    var delete = false

    @Option(help: "A file of KEY=VALUE lines with PARLEY_TELEGRAM_BOT_TOKEN and PARLEY_TELEGRAM_SECRET_TOKEN (other chat services' keys may be there too), which wins over the environment (default: the environment only).")
    var secrets: String?

    @Option(name: .customLong("telegram-api-url"), help: "The Telegram Bot API base URL.")
    var telegramAPIURL = TelegramOptions.defaultAPIURL

    func validate() throws {
        try TelegramArguments.check(apiURL: telegramAPIURL)
        switch (url, delete) {
        case (nil, false): throw ValidationError("Give --url https://HOST/telegram/webhook to set the webhook, or --delete to remove it.")
        case (.some, true): throw ValidationError("Give --url or --delete, not both.")
        case (let url?, false):
            guard let parsed = URL(string: url), parsed.scheme == "https", parsed.host != nil else {
                throw ValidationError("--url \(url): Telegram posts to HTTPS addresses only, e.g. https://chat.example.org\(TelegramService.webhookPath).")
            }
        case (nil, true): break
        }
    }

    func run() async throws {
        print(try await perform())
    }

    /// Calls the Bot API; what was done, or a ``CommandFailure`` with Telegram's reason.
    func perform() async throws -> String {
        let found = try ServiceArguments.loadSecrets(file: secrets)
        let keys = url == nil ? [TelegramService.botTokenKey] : TelegramService.secretKeys
        let values: [String]
        do {
            values = try found.require(keys, for: "parley telegram setup")
        } catch {
            throw CommandFailure("\(error)")
        }
        let api = TelegramBotAPI(url: telegramAPIURL, botToken: values[0])
        do {
            guard let url else {
                let answer = try await api.deleteWebhook()
                return "Telegram webhook deleted (\(answer)): updates now wait for `parley serve --telegram-polling`."
            }
            if let problem = TelegramService.secretTokenProblem(values[1]) { throw CommandFailure(problem) }
            let answer = try await api.setWebhook(url: url, secretToken: values[1])
            var said = "Telegram webhook set to \(url) (\(answer)), for \(TelegramBotAPI.allowedUpdates.joined(separator: " and ")) updates."
            if !url.hasSuffix(TelegramService.webhookPath) {
                said += "\nNote: parley serve --telegram takes posts at \(TelegramService.webhookPath); make sure a proxy forwards \(url) there."
            }
            return said
        } catch let error as TelegramAPIError {
            throw CommandFailure("\(error)")
        }
    }
}
