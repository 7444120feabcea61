import ArgumentParser
import Foundation
import ParleyMind

/// `parley mind chat MIND`: talk to a mind in the terminal, with its idle timer running.
struct MindChat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Talks to a mind in the terminal (sends [start] and [auto] first; honours idle prompts).",
        discussion: "Type a line and press return to send it. Bracketed lines are control inputs "
            + "(\"[restart 60]\"). When the mind asks for an idle prompt, \"[idle n]\" is sent after n "
            + "seconds without input. End with Ctrl-D."
    )

    @Argument(help: "The mind file (.yaml, .yml or .json).")
    var mind: String

    @Option(help: "The conversation data to start from, as JSON (default {}, a new conversation).")
    var data: String?

    @Flag(help: "Print the conversation data after every turn.")
    var showData = false

    func run() async throws {
        let mind = try MindFiles.loadMind(mind)
        let start = try MindFiles.conversationData(data)
        var session = MindChatSession(mind: mind, data: start, showData: showData)
        await session.run()
    }
}
