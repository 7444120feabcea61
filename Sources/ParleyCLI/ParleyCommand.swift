import ArgumentParser
import Foundation
import ParleyWorlds

/// The `parley` command line.
struct ParleyCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            // A package's own executable (`survey`, say) shows its own name in help and errors.
            commandName: CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent } ?? "parley",
            abstract: "Puts bots and people into conversations.",
            subcommands: [
                ServeCommand.self, ChatCommand.self, MindCommand.self, TranscriptsCommand.self, LoadCommand.self,
                MessengerCommand.self,
            ]
        )
    }

    /// The worlds and bot model kinds the commands run, set by ``ParleyCLI/main(registry:)``.
    @TaskLocal static var registry = WorldRegistry()
}
