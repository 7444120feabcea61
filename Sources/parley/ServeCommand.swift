import ArgumentParser
import Foundation
import Logging
import ParleyServer
import ParleyStore
import ParleyTasks
import ParleyWorlds

/// `parley serve`: runs a task config's worlds behind the WebSocket service until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serves a task config's worlds to people on WebSocket clients.",
        discussion: """
            With no options: the demo config tasks/demo.yml (run from the Parley repository root),
            ws://127.0.0.1:35496/websocket, and conversations recorded in ./parley.sqlite.
            SIGINT or SIGTERM shut down gracefully: people are warned, worlds end, sockets close.
            """
    )

    @Option(help: "The task config (ParlAI's config.yml schema).")
    var config = "tasks/demo.yml"

    @Option(help: "The address to listen on; 0.0.0.0 serves every network interface.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 35496

    @Option(help: ArgumentHelp(stringLiteral: StoreArgument.help))
    var store = "./parley.sqlite"

    @Option(help: "The password a person's first message must match (overrides the config's opt.password).")
    var password: String?

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port \(port) is not a port number (0 to 65535).")
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "parley")
        logger.logLevel = .info
        guard FileManager.default.fileExists(atPath: config) else {
            throw ValidationError(
                "No task config at \(config). Run `parley serve` from the Parley repository root to use the demo, or pass --config FILE."
            )
        }
        let taskConfig = try TaskConfig.load(path: config)
        let location = try StoreArgument.location(store)
        let transcripts = try await location.open(logger: logger)
        let options = RuntimeOptions(password: password)
        let runtime = try WorldRuntime(
            config: taskConfig, registry: .builtIn, transcripts: transcripts, options: options, logger: logger
        )
        let storeName = if case .sqlite(let path) = location { path } else { location.description }
        let (configPath, host) = (config, self.host)
        let server = ParleyServer(
            host: host, port: port, runtime: runtime,
            webSocket: WebSocketOptions(resumeWindow: options.resumeWindow), logger: logger
        ) { boundPort in
            Self.say("Parley serving \(configPath) (\(taskConfig.taskName)) at ws://\(host):\(boundPort)/websocket, store \(storeName)")
            Self.say("ready")
        }
        try await server.runUntilSignalled()
        try await transcripts.close()
    }

    /// Writes a line to standard output at once, even when it is a pipe.
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
