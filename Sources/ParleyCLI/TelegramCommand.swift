import ArgumentParser

/// `parley telegram`: sets up a Telegram bot for Parley.
struct TelegramCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telegram",
        abstract: "Works with the Telegram bot.",
        subcommands: [TelegramSetupCommand.self]
    )
}
