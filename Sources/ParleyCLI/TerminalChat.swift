import Foundation
import HummingbirdWSClient
import Logging
import ParleyCore
import ParleyWorlds

/// ParlAI's terminal client: lines typed go out as `{"text": line}`, frames come back as `Bot: <text>`.
struct TerminalChat {
    /// What the client types to finish a conversation; it is followed by `EXIT`.
    static let doneCommand = "[DONE]"
    static let exitDelay = Duration.seconds(2)
    /// How long, after `EXIT`, the client waits for the server's farewell (it closes once that
    /// has printed; this only bounds a server that never says it).
    static let farewellWait = Duration.seconds(15)

    let url: String
    let logger: Logger

    func run() async throws {
        let printer = TerminalPrinter(showsPrompt: StandardInput.isTerminal)
        let lines = StandardInput.lines()
        try await WebSocketClient.connect(url: url, configuration: .init(maxFrameSize: 1 << 20), logger: logger) { inbound, outbound, _ in
            printer.prompt()
            await withTaskGroup(of: Ending.self) { group in
                group.addTask {
                    do {
                        for try await message in inbound.messages(maxSize: 1 << 24) {
                            guard case .text(let text) = message else { continue }
                            printer.print(Self.render(text))
                            // The runtime's answer to EXIT: nothing more comes.
                            if Self.isFarewell(text) { return .farewell }
                        }
                    } catch is CancellationError {
                        // The chat ended on this side.
                    } catch {
                        printer.print(["Connection lost: \(error)"])
                    }
                    return .serverClosed
                }
                group.addTask {
                    do {
                        return .personFinished(sentExit: try await Self.send(lines, to: outbound, printer: printer))
                    } catch {
                        printer.print(["Cannot send: \(error)"])
                        return .personFinished(sentExit: false)
                    }
                }
                // When the person finishes, the server's farewell still prints, for a little while.
                if case .personFinished(let sentExit) = await group.next() {
                    group.addTask {
                        try? await Task.sleep(for: sentExit ? Self.farewellWait : Self.exitDelay)
                        return .farewellTimeUp
                    }
                    _ = await group.next()
                }
                group.cancelAll()
            }
            try? await outbound.close(.normalClosure, reason: nil)
        }
    }

    private enum Ending {
        case serverClosed, farewell, personFinished(sentExit: Bool), farewellTimeUp
    }

    /// Whether a frame is the runtime's farewell, `See you later!`.
    private static func isFarewell(_ frameText: String) -> Bool {
        (try? JSONValue.parse(frameText))?["text"]?.stringValue == RuntimeText.farewell
    }

    /// Sends each typed line until end of input; `[DONE]` is followed by `EXIT` two seconds later,
    /// as in ParlAI's client. True when it sent `EXIT`.
    private static func send(
        _ lines: AsyncStream<String>, to outbound: WebSocketOutboundWriter, printer: TerminalPrinter
    ) async throws -> Bool {
        for await line in lines {
            try await outbound.write(.text(JSONValue.object(["text": .string(line)]).jsonText()))
            if line == doneCommand {
                try await Task.sleep(for: exitDelay)
                try await outbound.write(.text(JSONValue.object(["text": "EXIT"]).jsonText()))
                return true
            }
            printer.prompt()
        }
        return false
    }

    /// The lines one server frame prints as.
    static func render(_ frameText: String) -> [String] {
        guard let frame = try? JSONValue.parse(frameText), frame.objectValue != nil else {
            return ["Bot: \(frameText)"]
        }
        var lines: [String] = []
        let text = frame["text"]?.stringValue ?? ""
        if !text.isEmpty || frame["payload"] == nil || frame["payload"] == .null {
            lines.append("Bot: \(text)")
        }
        if let payload = frame["payload"], payload != .null {
            lines.append("Payload: \(payload.jsonText())")
        }
        if case .array(let replies)? = frame["quick_replies"], !replies.isEmpty {
            lines.append("Options: [\(replies.map { $0.stringValue ?? $0.jsonText() }.joined(separator: "|"))]")
        }
        return lines
    }
}
