import ArgumentParser
import Foundation
import ParleyServer
import ParleyWorlds

/// The `parley` command line.
struct ParleyCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: name,
            abstract: "Puts bots and people into conversations.",
            subcommands: [
                ServeCommand.self, ChatCommand.self, MindCommand.self, TranscriptsCommand.self, LoadCommand.self,
                MessengerCommand.self, TelegramCommand.self, CommandLinePage.self,
            ]
        )
    }

    /// The name help and errors show: the executable's own, so that a package's own executable
    /// (`survey`, say) shows its own name.
    @TaskLocal static var name = CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent } ?? "parley"

    /// The worlds and bot model kinds the commands run, set by ``ParleyCLI/main(registry:)``.
    @TaskLocal static var registry = WorldRegistry()

    /// The chat services a package added, set by ``ParleyCLI/main(registry:services:)``.
    @TaskLocal static var services: [ChatServiceKind] = []
}
