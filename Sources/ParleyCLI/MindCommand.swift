import ArgumentParser

/// `parley mind`: check, test, debug and talk to minds (rulebases).
struct MindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mind",
        abstract: "Checks, tests, debugs and talks to minds (rulebase files).",
        subcommands: [
            MindCheck.self, MindTest.self, MindWhy.self, MindChat.self, MindReport.self, MindPublish.self,
            MindImportCommand.self,
        ]
    )
}
