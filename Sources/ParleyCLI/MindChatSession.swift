import Foundation
import ParleyMind

/// One terminal conversation with a mind: lines from standard input and the idle timer are
/// events on one stream, handled in order; the timer is a cancellable sleep, restarted after
/// every reply that asks for it and cancelled by any input.
struct MindChatSession {
    /// What the conversation reacts to.
    enum Event: Sendable {
        /// A line the user typed.
        case line(String)
        /// Standard input ended.
        case endOfInput
        /// The idle timer of the given generation ran out after `seconds`.
        case idle(generation: Int, seconds: Double)
    }

    private let mind: Mind
    private var data: ConversationData
    private let showData: Bool
    private let interactive = MindTerminal.isInteractive
    private var timer: Task<Void, Never>?
    /// Counts timers started, so that a timer that fired just before it was cancelled is ignored.
    private var generation = 0

    init(mind: Mind, data: ConversationData, showData: Bool) {
        self.mind = mind
        self.data = data
        self.showData = showData
    }

    /// Sends `[start]` (to a new conversation) and `[auto]`, as the servers do, then talks until
    /// standard input ends.
    mutating func run() async {
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        Self.startReadingLines(into: continuation)
        if interactive {
            MindTerminal.line("Talking to \(mind.name). Type a line and press return; Ctrl-D ends.")
        }
        if data.turns == 0 { send("[start]", events: continuation) }
        send("[auto]", events: continuation)
        prompt()
        for await event in events {
            switch event {
            case .line(let line):
                stopTimer()
                let input = line.trimmingCharacters(in: .whitespaces)
                if !input.isEmpty { send(input, events: continuation) }
                prompt()
            case .idle(let fired, let seconds):
                guard fired == generation else { continue }
                timer = nil
                if interactive { MindTerminal.write("\r\u{1B}[K") }
                send(ControlInput.idle(after: seconds), events: continuation)
                prompt()
            case .endOfInput:
                stopTimer()
                if interactive { MindTerminal.line("") }
                continuation.finish()
            }
        }
    }

    /// Runs one turn, prints its output and starts the idle timer the reply asks for.
    private mutating func send(_ input: String, events: AsyncStream<Event>.Continuation) {
        let reply: MindReply
        do {
            reply = try mind.reply(to: input, data: data, time: Date())
        } catch {
            MindTerminal.error("error: \(error.message)")
            return
        }
        data = reply.data
        if !interactive { MindTerminal.line("> \(input)") }
        if !reply.output.isEmpty { MindTerminal.line("\(mind.name): \(reply.output)") }
        if showData { MindTerminal.line("data: \(data.jsonText)") }
        if let seconds = reply.idle { startTimer(seconds, events: events) }
    }

    private mutating func startTimer(_ seconds: Double, events: AsyncStream<Event>.Continuation) {
        stopTimer()
        generation += 1
        let current = generation
        timer = Task {
            do {
                try await Task.sleep(for: .seconds(seconds))
            } catch {
                return
            }
            events.yield(.idle(generation: current, seconds: seconds))
        }
    }

    private mutating func stopTimer() {
        timer?.cancel()
        timer = nil
        generation += 1
    }

    private func prompt() {
        if interactive { MindTerminal.write("you> ") }
    }

    /// Reads standard input line by line on a thread of its own (reading blocks) and yields
    /// each line, then `.endOfInput`.
    private static func startReadingLines(into events: AsyncStream<Event>.Continuation) {
        let reader = Thread {
            while let line = readLine() { events.yield(.line(line)) }
            events.yield(.endOfInput)
        }
        reader.start()
    }

    /// `30` for whole numbers, else the number as written by Swift (`2.5`).
}
