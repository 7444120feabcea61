import ArgumentParser

/// The `parley` command line.
@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Puts bots and people into conversations.",
        subcommands: [ServeCommand.self, ChatCommand.self, MindCommand.self, TranscriptsCommand.self, LoadCommand.self, MessengerCommand.self]
    )
}
