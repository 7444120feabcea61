import ArgumentParser

/// `parley messenger`: sets up a Facebook page for Parley.
struct MessengerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messenger",
        abstract: "Works with the Facebook Messenger page.",
        subcommands: [MessengerSetupCommand.self]
    )
}
