import ArgumentParser
import Foundation
import ParleyStore

/// `parley transcripts erase`: deletes everything recorded about one person.
struct TranscriptsEraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erases a person's data: the world messages and results they took part in, and their reply API state.",
        discussion: """
            The person id is the one shown as `speaker` or in `people` by `parley transcripts export` \
            (for the reply API, the userid).
            """
    )

    @Argument(help: "The person's id.")
    var person: String

    @Option(help: ArgumentHelp(stringLiteral: StoreArgument.help))
    var store = "./parley.sqlite"

    func run() async throws {
        let data = try await StoreArgument.openExisting(store)
        try await data.erasePerson(person)
        try await data.eraseUser(person)
        try await data.close()
        FileHandle.standardError.write(Data("Erased everything recorded about \(person).\n".utf8))
    }
}
