import Foundation
import NIOCore
import NIOPosix
import ParleyCore

/// One page of the manual run as a script (CONTRIBUTING.md), top to bottom, in a new folder with
/// the repository's `minds/` and `tasks/`, the built `parley` on `PATH`, and ports 35496 to 35499
/// replaced by free ones. Each block that does not do what the page says is a failure.
final class DocPageRun {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// How long a command may take, far beyond any on a quiet machine.
    static let patience: Duration = .seconds(120)
    static let shownPorts = 35496...35499

    let page: String
    let folder: URL
    private var ports: [Int: Int] = [:]
    private var written: [String: String] = [:]
    private var background: [ParleyProcess] = []
    private var server: ParleyProcess?
    private var failures: [String] = []

    init(page: String) throws {
        self.page = page
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-docs-\(page)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for shared in ["minds", "tasks"] {
            try FileManager.default.copyItem(
                at: Self.repository.appendingPathComponent(shared), to: folder.appendingPathComponent(shared))
        }
    }

    /// Runs every block of the page; returns what failed, one message per block.
    func run() async throws -> [String] {
        let markdown = try String(contentsOf: Self.repository.appendingPathComponent("docs/\(page).md"), encoding: .utf8)
        for port in Self.shownPorts { ports[port] = try await Self.freePort() }
        // PARLEY_DOCS_TIMES=1 prints how long each block took, to find a slow example.
        let timed = ProcessInfo.processInfo.environment["PARLEY_DOCS_TIMES"] != nil
        for block in DocBlock.blocks(of: markdown, page: page) {
            let start = ContinuousClock.now
            do {
                try await run(block)
            } catch {
                failures.append("\(block): \(error)")
            }
            if timed { print("\(block): \(ContinuousClock.now - start)") }
        }
        let stopping = ContinuousClock.now
        await stopAll()
        if timed { print("\(page).md: stopping its processes took \(ContinuousClock.now - stopping)") }
        try? FileManager.default.removeItem(at: folder)
        return failures
    }

    private func run(_ block: DocBlock) async throws {
        if let path = block.attributes["file"] {
            try write(block.text, to: path)
        }
        let kind = ["chat", "websocket", "mind", "config", "fragment"].first(where: block.has)
        switch kind {
        case "chat" where block.language == "text": try await chat(block.text, mind: block.attributes["mind"] ?? "")
        case "websocket" where block.language == "text": try await webSocket(block.text, path: block.attributes["path"] ?? "/websocket")
        case "mind": try await checkMind(block.text)
        case "config": try await checkConfig(block.text)
        case "fragment": try checkFragment(block.text, of: block.attributes["fragment"] ?? "")
        case nil where block.language == "console": try await console(block.text)
        case nil where block.language == "yaml" && !block.has("file"):
            throw Failure(description: "a yaml block says what it is: file=PATH, mind, config or fragment (CONTRIBUTING.md)")
        default:
            if block.language != "console", block.text.contains("curl ") {
                throw Failure(description: "a curl call belongs in a console block, with its answer")
            }
        }
    }

    // MARK: Files

    private func write(_ text: String, to path: String) throws {
        guard !path.hasPrefix("/"), !path.contains("..") else { throw Failure(description: "file=\(path) leaves the page's folder") }
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let contents = withPorts(text) + "\n"
        try Data(contents.utf8).write(to: url)
        written[path] = text
    }

    /// A fragment of a file the page wrote, or with `fragment=../PATH` of a file of the repository.
    private func checkFragment(_ text: String, of path: String) throws {
        // A line that starts with `…` marks a gap, and says what was left out.
        let wanted = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix(ShownOutput.gap) }
        var files = Array(written.values)
        if path.hasPrefix("../") {
            let url = Self.repository.appendingPathComponent(String(path.dropFirst(3)))
            guard let file = try? String(contentsOf: url, encoding: .utf8) else { throw Failure(description: "no file \(path)") }
            files = [file]
        }
        let found = files.contains { file in
            var lines = file.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }[...]
            for line in wanted {
                guard let index = lines.firstIndex(of: line) else { return false }
                lines = lines[(index + 1)...]
            }
            return true
        }
        if !found {
            throw Failure(description: "this fragment's lines are not, in this order, in \(path.isEmpty ? "any file written earlier on the page" : path)")
        }
    }

    private func checkMind(_ text: String) async throws {
        let name = ".doc-mind-\(UUID().uuidString.prefix(8)).yaml"
        try write(text, to: name)
        let (output, status) = try await execute("parley mind check \(name)")
        guard status == 0, output.contains("loads: 0 errors, 0 warnings") else {
            throw Failure(description: "the mind does not load cleanly:\n\(output)")
        }
    }

    private func checkConfig(_ text: String) async throws {
        let name = ".doc-config-\(UUID().uuidString.prefix(8)).yml"
        try write(text, to: name)
        let port = try await Self.freePort()
        let process = try start("parley serve --config \(name) --port \(port) --store sqlite:.doc-config.sqlite", replacingTheShell: true)
        do {
            _ = try await withinPatience(orElse: process.killAbruptly) { try await process.lines(through: { $0 == "ready" }) }
        } catch {
            throw Failure(description: "the config does not serve: \(error)")
        }
        process.interrupt()
        _ = await process.waitForExit()
    }

    // MARK: Commands

    /// A `console` block: each `$ ` command with the output shown under it.
    private func console(_ text: String) async throws {
        var commands: [(command: String, shown: [String])] = []
        var continuing = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if continuing, !commands.isEmpty {
                commands[commands.count - 1].command += "\n" + line
            } else if line.hasPrefix("$ ") {
                commands.append((String(line.dropFirst(2)), []))
            } else if !commands.isEmpty {
                commands[commands.count - 1].shown.append(line)
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                throw Failure(description: "a console block starts with a `$ ` command")
            }
            continuing = line.hasPrefix("$ ") || continuing ? line.hasSuffix("\\") : false
        }
        for (command, shownLines) in commands {
            let shown = ShownOutput(withPorts(shownLines.joined(separator: "\n")))
            var runnable = withPorts(command.replacingOccurrences(of: "swift run parley", with: "parley"))
            let isServer = runnable.hasPrefix("parley serve")
            if isServer || runnable.hasSuffix("&") {
                if runnable.hasSuffix("&") { runnable = String(runnable.dropLast()).trimmingCharacters(in: .whitespaces) }
                if isServer, !runnable.contains("--port"), let port = ports[35496] { runnable += " --port \(port)" }
                try await startInBackground(runnable, shown: shown, isServer: isServer, as: command)
                continue
            }
            let (output, status) = try await execute(runnable)
            if shown.lines.isEmpty, status != 0 {
                throw Failure(description: "`\(command)` exited with status \(status), showing no output:\n\(output)")
            }
            if !shown.matches(output) {
                throw Failure(description: "`\(command)` printed:\n\(output)\nbut the page shows:\n\(shown.lines.joined(separator: "\n"))")
            }
        }
    }

    private func startInBackground(_ command: String, shown: ShownOutput, isServer: Bool, as written: String) async throws {
        if isServer, let server {
            server.interrupt()
            _ = await server.waitForExit()
            self.server = nil
        }
        // The command replaces the shell, so that the interrupt at the page's end reaches it.
        let process = try start(command, replacingTheShell: true)
        if isServer { server = process } else { background.append(process) }
        // A server reads until `ready`, or to the end when it stops at start (a broken config, say).
        let lines = try await withinPatience(orElse: process.killAbruptly) {
            var seen: [String] = []
            while isServer ? seen.last != "ready" : seen.count < shown.lines.count, let line = await process.nextLine() {
                seen.append(line)
            }
            return seen
        }
        if isServer, lines.last != "ready" {
            server = nil
            _ = await process.waitForExit()
            if shown.lines.isEmpty { throw Failure(description: "`\(written)` stopped before it was ready:\n\(lines.joined(separator: "\n"))") }
        }
        let printed = lines.joined(separator: "\n")
        if !shown.lines.isEmpty, !shown.matches(printed) {
            throw Failure(description: "`\(written)` printed:\n\(printed)\nbut the page shows:\n\(shown.lines.joined(separator: "\n"))")
        }
    }

    /// Runs `command` in the page's folder; returns what it printed and its exit status.
    private func execute(_ command: String) async throws -> (output: String, status: Int32) {
        let process = try start(command)
        return try await withinPatience(orElse: process.killAbruptly) {
            var lines: [String] = []
            while let line = await process.nextLine() { lines.append(line) }
            return (lines.joined(separator: "\n"), await process.waitForExit())
        }
    }

    /// Starts `command` with `/bin/sh` in the page's folder, with no input and `parley` on `PATH`.
    private func start(_ command: String, replacingTheShell: Bool = false) throws -> ParleyProcess {
        guard let parley = ParleyProcess.executable else { throw Failure(description: "no parley executable beside the tests") }
        let prelude = "export PATH='\(parley.deletingLastPathComponent().path)':\"$PATH\" PYTHONUNBUFFERED=1 HOME='\(folder.path)'; exec </dev/null\n"
        return try ParleyProcess(
            executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", prelude + (replacingTheShell ? "exec " : "") + command], directory: folder,
            readingErrors: true)
    }

    private func stopAll() async {
        for process in background + [server].compactMap({ $0 }) {
            process.interrupt()
            _ = await process.waitForExit()
        }
        background = []
        server = nil
    }

    // MARK: Conversations

    /// A `text chat` block, run as a conversation test by `parley mind test`.
    private func chat(_ text: String, mind: String) async throws {
        guard written[mind] != nil || FileManager.default.fileExists(atPath: folder.appendingPathComponent(mind).path) else {
            throw Failure(description: "mind=\(mind) is no file of the page's folder")
        }
        var steps: [(say: String, answer: [String])] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("> ") || line == ">" {
                steps.append((String(line.dropFirst(2)), []))
            } else if !steps.isEmpty {
                steps[steps.count - 1].answer.append(line)
            } else if !line.isEmpty {
                throw Failure(description: "a chat block starts with `> ` and what the person says")
            }
        }
        func quoted(_ text: String) -> String { JSONValue.string(text).jsonText() }
        var file = "mind: \(quoted(mind))\ntests:\n  - name: \(quoted("\(page).md chat"))\n    steps:\n"
        for step in steps {
            var answer = step.answer
            while answer.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { answer.removeLast() }
            file += "      - {say: \(quoted(step.say)), expect: \(quoted(answer.joined(separator: "\n")))}\n"
        }
        let name = ".doc-chat-\(UUID().uuidString.prefix(8)).tests.yaml"
        try Data(file.utf8).write(to: folder.appendingPathComponent(name))
        let (output, status) = try await execute("parley mind test \(name)")
        if status != 0 { throw Failure(description: "the conversation goes otherwise:\n\(output)") }
    }

    /// A `text websocket` block against the page's running server.
    private func webSocket(_ text: String, path: String) async throws {
        guard let port = ports[35496] else { throw Failure(description: "no port") }
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let expectedKinds = Set(lines.filter { $0.hasPrefix("< ") }.compactMap { try? JSONValue.parse(withPorts(String($0.dropFirst(2)))) }.map(Self.kind))
        let client = try await withinPatience(orElse: {}) { try await WebSocketTestClient.connect(port: port, path: path) }
        defer { Task { await client.close() } }
        for line in lines {
            let frame = withPorts(String(line.dropFirst(2)))
            if line.hasPrefix("> ") {
                await client.send(.text(frame))
            } else if line.hasPrefix("< ") {
                let shown = try JSONValue.parse(frame)
                let stop: @Sendable () -> Void = { Task { await client.close() } }
                var received = try await withinPatience(orElse: stop) { try await client.next() }
                while !expectedKinds.contains(Self.kind(of: received)) {
                    received = try await withinPatience(orElse: stop) { try await client.next() }
                }
                // Members the server sends as null are left out of frames the page shows.
                if case .object(let members) = received { received = .object(members.filter { $0.value != .null }) }
                guard ShownOutput.matches(received, shown) else {
                    throw Failure(description: "received \(received.jsonText()) where the page shows \(frame)")
                }
            } else {
                throw Failure(description: "a websocket line starts with `> ` (sent) or `< ` (received): \(line)")
            }
        }
    }

    /// What a server frame is: `typing` (`{"typing": …}`), `ack` (an `ack` without text) or a
    /// `message`; a block skips received frames of a kind none of its `<` lines is.
    static func kind(of frame: JSONValue) -> String {
        if frame["typing"] != nil { return "typing" }
        if frame["ack"] != nil, frame["text"] == nil { return "ack" }
        return "message"
    }

    // MARK: Ports and time

    /// `text` with ports 35496 to 35499 replaced by the page's free ports.
    private func withPorts(_ text: String) -> String {
        var text = text
        for (shown, real) in ports { text = text.replacingOccurrences(of: String(shown), with: String(real)) }
        return text
    }

    private static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }

    /// The result of `work`, or a failure when it takes longer than ``patience``; then `stop` is
    /// called first, to end what `work` waits for.
    private func withinPatience<T: Sendable>(
        orElse stop: @escaping @Sendable () -> Void, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(for: Self.patience)
                stop()
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw Failure(description: "no answer within \(Self.patience)")
            }
            return result
        }
    }
}
