import ArgumentParser
import Logging
import ParleyServer

/// `parley chat`: talk to a Parley (or ParlAI) WebSocket server from the terminal.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Chats with a Parley server from the terminal, like ParlAI's terminal client.",
        discussion: """
            Each line you type is sent as a message. Replies print as `Bot: <text>`, and choices as \
            `Options: [a|b]`. Typing [DONE] sends [DONE], then EXIT two seconds later, then closes.
            """
    )

    @Option(help: "The server's host.")
    var host = "127.0.0.1"

    @Option(help: "The server's port.")
    var port = 35496

    func run() async throws {
        LoggingSystem.bootstrap { LogLineHandler(label: $0) }
        var logger = Logger(label: "parley.chat")
        logger.logLevel = .error
        let chat = TerminalChat(url: "ws://\(host):\(port)/websocket", logger: logger)
        do {
            try await chat.run()
        } catch {
            throw Unreachable(description: "Cannot chat with ws://\(host):\(port)/websocket: \(error)")
        }
    }

    /// The server could not be reached or the connection failed.
    struct Unreachable: Error, CustomStringConvertible {
        var description: String
    }
}
