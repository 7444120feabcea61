import ArgumentParser
import ParleyWorlds

/// The `parley` command line.
struct ParleyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Puts bots and people into conversations.",
        subcommands: [ServeCommand.self, ChatCommand.self, MindCommand.self, TranscriptsCommand.self, LoadCommand.self, MessengerCommand.self]
    )

    /// The worlds and bot model kinds the commands run, set by ``ParleyCLI/main(registry:)``.
    @TaskLocal static var registry = WorldRegistry()
}
