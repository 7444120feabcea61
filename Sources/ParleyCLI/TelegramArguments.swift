import ArgumentParser
import Foundation
import ParleyServer
import ParleyTelegram

/// `parley serve`'s Telegram options.
struct TelegramArguments: ParsableArguments {
    @Flag(
        name: .customLong("telegram"),
        help: "Serve the Telegram webhook at /telegram/webhook (secrets PARLEY_TELEGRAM_BOT_TOKEN and PARLEY_TELEGRAM_SECRET_TOKEN)."
    )
    var webhook = false

    @Flag(help: "Serve Telegram by polling the Bot API (getUpdates) instead of the webhook: no public HTTPS address needed, only PARLEY_TELEGRAM_BOT_TOKEN (implies --telegram).")
    var telegramPolling = false

    @Option(name: .customLong("telegram-api-url"), help: "The Telegram Bot API base URL.")
    var telegramAPIURL = TelegramOptions.defaultAPIURL

    func validate() throws {
        try Self.check(apiURL: telegramAPIURL)
    }

    /// Throws when `apiURL` is not an http(s) URL.
    static func check(apiURL: String) throws {
        guard let url = URL(string: apiURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw ValidationError("--telegram-api-url \(apiURL) is not an http(s) URL.")
        }
    }

    /// Whether Telegram is served (`--telegram` or `--telegram-polling`).
    var telegram: Bool {
        webhook || telegramPolling
    }

    /// Telegram as a chat service kind when it is served, made with these options.
    var kind: ChatServiceKind? {
        guard telegram else { return nil }
        return TelegramService.kind(apiURL: telegramAPIURL, polling: telegramPolling)
    }
}
