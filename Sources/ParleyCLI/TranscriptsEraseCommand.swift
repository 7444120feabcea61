import ArgumentParser
import Foundation
import ParleyCore
import ParleyStore

/// `parley transcripts erase`: erases everything recorded about one person.
struct TranscriptsEraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erases a person's data: their messages, results, onboarding data, ratings, consent and reply API state.",
        discussion: """
            The person id is the one shown in `parley transcripts export` (for the reply API, the userid; \
            on the chat page, the code under "Your data"). Worlds the person was alone in (with bots) are \
            erased whole; in worlds shared with others, the others' messages stay and the person's id \
            becomes [erased]. Results of shared worlds go whole, as they may hold the person's answers. \
            Every erase is kept in the erase audit (who, when, how many rows). An id the store holds \
            nothing about is an error that lists close matches.
            """
    )

    @Argument(help: "The person's id.")
    var person: String

    @Option(help: ArgumentHelp(stringLiteral: StoreArgument.help))
    var store = "./parley.sqlite"

    func run() async throws {
        let data = try await StoreArgument.openExisting(store)
        do {
            let known = try await data.knownPeople()
            guard known.contains(person) else {
                let close = EditDistance.closest(to: person, in: known)
                throw CommandFailure(
                    "Nothing is recorded about \(person)."
                        + (close.isEmpty ? "" : " Close matches: \(close.joined(separator: ", ")).")
                        + " Nothing was erased.")
            }
            let report = try await data.erasePerson(person, actor: "cli")
            try await data.close()
            let counts = report.rows.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            FileHandle.standardError.write(Data("Erased \(person): \(counts.isEmpty ? "nothing left to erase" : counts).\n".utf8))
        } catch {
            try? await data.close()
            throw error
        }
    }
}
