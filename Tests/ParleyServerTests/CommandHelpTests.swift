import ArgumentParser
import Foundation
import Testing

@testable import ParleyCLI

/// Every command's help reads as sentences that the terminal wraps, and the manual's command line
/// page is that help as it is now.
@Suite("Command help")
struct CommandHelpTests {
    static var commands: [any ParsableCommand.Type] {
        CommandLinePage.commands(under: ParleyCommand.self, includingHidden: true).map(\.command)
    }

    @Test("help has no line breaks inside sentences, and every option and argument has a help line")
    func sentences() {
        for command in Self.commands {
            // So wide that only the source's own line breaks remain.
            let help = ParleyCommand.helpMessage(for: command, columns: 10_000)
            let name = command.configuration.commandName ?? "\(command)"
            var section = ""
            // Each option or argument: its name, and its help (beside it, or on the next lines when the name is long).
            var entries: [(name: String, help: String)] = []
            for line in help.split(separator: "\n").map(String.init) {
                if line.hasPrefix("OVERVIEW: ") || !line.hasPrefix(" ") { section = line.hasPrefix("OVERVIEW: ") ? "OVERVIEW" : line }
                let text = line.hasPrefix("OVERVIEW: ") ? String(line.dropFirst(10)) : line
                if section == "OVERVIEW" {
                    #expect(text.last.map { ".:)".contains($0) } ?? true, "\(name): a line of the overview ends mid-sentence: \(text)")
                } else if section.hasSuffix(":"), section != "SUBCOMMANDS:", !section.hasPrefix("USAGE"), line.hasPrefix(" ") {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if line.hasPrefix("  "), !line.hasPrefix("   ") {
                        // "-n, --name <value> ..." or "<argument> ...", then the help, if it fits beside it.
                        let pattern = /^((?:-[^ ,]+(?:, )?)+(?: <[^>]+>)?(?: \.\.\.)?|<[^>]+>(?: \.\.\.)?) *(.*)$/
                        let match = trimmed.wholeMatch(of: pattern)
                        entries.append((String(match?.1 ?? Substring(trimmed)), String(match?.2 ?? "")))
                    } else if !entries.isEmpty {
                        entries[entries.count - 1].help += (entries[entries.count - 1].help.isEmpty ? "" : " ") + trimmed
                    }
                }
            }
            for entry in entries {
                #expect(!entry.help.isEmpty, "\(name): \(entry.name) has no help")
                if let last = entry.help.last {
                    #expect(".)".contains(last), "\(name): the help of \(entry.name) ends mid-sentence: \(entry.help)")
                }
            }
        }
    }

    @Test("docs/command-line.md is the commands' help as it is now")
    func page() throws {
        let onDisk = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("docs/command-line.md"),
            encoding: .utf8)
        let generated = ParleyCommand.$name.withValue("parley") { CommandLinePage.markdown() }
        #expect(onDisk == generated, "stale: run swift run parley command-line-page > docs/command-line.md")
    }
}
