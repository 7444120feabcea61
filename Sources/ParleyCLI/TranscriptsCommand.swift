import ArgumentParser

/// `parley transcripts`: what the store recorded.
struct TranscriptsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcripts",
        abstract: "Works with the recorded conversations.",
        subcommands: [TranscriptsExportCommand.self, TranscriptsEraseCommand.self]
    )
}
