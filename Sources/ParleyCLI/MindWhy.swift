import Foundation
import ArgumentParser
import ParleyMind

/// `parley mind why MIND INPUT`: runs one turn (after any `--after` inputs) and prints its trace
/// and the new data.
struct MindWhy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Explains one turn: prints its trace (forms, candidates, winner, effects, output) and the new data."
    )

    @Argument(help: "The mind file (.yaml, .yml or .json).")
    var mind: String

    @Argument(help: "The input, e.g. \"hello\" or \"[idle 30]\".")
    var input: String

    @Option(help: "The conversation data to start from, as JSON (default {}, a new conversation).")
    var data: String?

    @Option(name: .customLong("after"), help: "An input to run before INPUT, silently (repeatable, in order).")
    var earlier: [String] = []

    func run() async throws {
        let mind = try MindFiles.loadMind(mind)
        var data = try MindFiles.conversationData(data)
        var trace = TurnTrace()
        let reply: MindReply
        do {
            for input in earlier { data = try mind.reply(to: input, data: data, time: Date()).data }
            reply = try mind.reply(to: input, data: data, time: Date(), trace: &trace)
        } catch {
            MindTerminal.error("error: \(error)")
            throw ExitCode.failure
        }
        print(trace)
        print("data: \(reply.data.jsonText)")
    }
}
