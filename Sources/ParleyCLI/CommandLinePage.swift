import ArgumentParser

/// `parley command-line-page`: prints the manual's page on the command line (`docs/command-line.md`),
/// made from each command's own help, so that the page says what `--help` says.
struct CommandLinePage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "command-line-page",
        abstract: "Prints the manual's command line page, docs/command-line.md, from each command's help.",
        shouldDisplay: false
    )

    /// The width the help is wrapped to on the page.
    static let columns = 100

    func run() {
        print(Self.markdown(), terminator: "")
    }

    /// The page: a list of the commands, then each command's help.
    static func markdown() -> String {
        let commands = Self.commands(under: ParleyCommand.self)
        var page = """
            # The command line

            Each command of `parley` explains itself with `--help`, or with `parley help COMMAND`; this \
            page is that help, gathered in one place. The help is wrapped to your terminal's width. \
            Options that repeat take one value each time (`--mind a=a.yaml --mind b=b.yaml`). A \
            command that fails says why and exits with status 1.

            This page is generated: after changing a command, run \
            `swift run parley command-line-page > docs/command-line.md`.


            """
        for (path, _) in commands.dropFirst() {
            let name = ([ParleyCommand.name] + path).joined(separator: " ")
            page += "- [`\(name)`](#\(name.replacingOccurrences(of: " ", with: "-")))\n"
        }
        for (path, command) in commands {
            let name = ([ParleyCommand.name] + path).joined(separator: " ")
            let help = ParleyCommand.helpMessage(for: command, columns: columns)
                .split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.reversed().drop(while: { $0 == " " }).reversed() }
                .map { String($0) }
                .joined(separator: "\n")
                .trimmingCharacters(in: .newlines)
            page += "\n## \(name)\n\n```text\n\(help)\n```\n"
        }
        return page
    }

    /// `command` and every command under it that help shows (hidden ones too when
    /// `includingHidden`), with the words that name each.
    static func commands(
        under command: any ParsableCommand.Type, path: [String] = [], includingHidden: Bool = false
    ) -> [(path: [String], command: any ParsableCommand.Type)] {
        var found: [(path: [String], command: any ParsableCommand.Type)] = [(path, command)]
        for subcommand in command.configuration.subcommands where includingHidden || subcommand.configuration.shouldDisplay {
            let name = subcommand.configuration.commandName ?? String(describing: subcommand).lowercased()
            found += commands(under: subcommand, path: path + [name], includingHidden: includingHidden)
        }
        return found
    }
}
