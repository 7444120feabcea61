import HummingbirdWSClient
import Logging
import ParleyCore

/// One simulated person of `parley load`: greets, waits for the start, optionally chats in the task,
/// then holds its connection until the stop, so that every connection is held while others chat.
struct LoadPerson: Sendable {
    let index: Int
    let chats: Bool
    let task: String
    /// What each message says; `{probe}` stands for the token the reply must contain.
    let say: String
    let messages: Int
    /// Time between this person's messages; nil sends each as soon as the last one is answered.
    let interval: Duration?
    /// Whether the person uses the `ack` extension: a round trip then ends when the echo has come
    /// and the server has acknowledged the message (that is, stored it).
    let acknowledges: Bool

    /// Connects and plays the person, reporting to `tally`; never throws, failures are tallied.
    func run(url: String, logger: Logger, tally: LoadTally, start: LoadSignal, stop: LoadSignal) async {
        do {
            try await WebSocketClient.connect(url: url, configuration: .init(maxFrameSize: 1 << 20), logger: logger) {
                inbound, outbound, _ in
                var frames = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                var numbers = Numbers()
                try await outbound.write(.text(frame("hello", numbers: &numbers, features: true)))
                _ = try await frames.next()  // the overworld's menu
                await tally.arrive(index)
                await start.wait()
                if chats {
                    try await chat(in: &frames, outbound: outbound, numbers: &numbers, tally: tally)
                    await tally.endChat(index)
                }
                await stop.wait()
            }
        } catch {
            await tally.fail(index, error, chats: chats)
        }
    }

    /// The numbers of the `ack` extension: the client's last message, the server's last one seen.
    struct Numbers {
        var sent = 0
        var received = 0
    }

    private func chat(
        in frames: inout WebSocketInboundMessageStream.AsyncIterator, outbound: WebSocketOutboundWriter,
        numbers: inout Numbers, tally: LoadTally
    ) async throws {
        // Messages sent during the hand-over are queued for the world: no need to wait for it.
        try await outbound.write(.text(frame(task, numbers: &numbers)))
        // A first message, not timed, waits until the world runs: rounds measure its steady state.
        let warmUp = "w\(index)"
        try await outbound.write(.text(frame(say.replacingOccurrences(of: "{probe}", with: warmUp), numbers: &numbers)))
        try await awaitReply(containing: warmUp, in: &frames, outbound: outbound, numbers: &numbers)
        let clock = ContinuousClock()
        // Spread the people's schedules over one interval.
        var planned = clock.now + (interval ?? .zero) * (Double(index % 100) / 100)
        for round in 0..<messages {
            let probe = "p\(index)r\(round)"
            let sent: ContinuousClock.Instant
            if let interval {
                try await clock.sleep(until: planned)
                sent = planned
                planned += interval
            } else {
                sent = clock.now
            }
            try await outbound.write(.text(frame(say.replacingOccurrences(of: "{probe}", with: probe), numbers: &numbers)))
            try await awaitReply(containing: probe, in: &frames, outbound: outbound, numbers: &numbers)
            await tally.record(sent: sent, received: clock.now)
        }
    }

    /// Reads until a frame contains `probe` and, for an `ack` person, the server has acknowledged
    /// the last message sent; then acknowledges what the server sent.
    private func awaitReply(
        containing probe: String, in frames: inout WebSocketInboundMessageStream.AsyncIterator,
        outbound: WebSocketOutboundWriter, numbers: inout Numbers
    ) async throws {
        var echoed = false
        var stored = !acknowledges
        while !(echoed && stored), let frame = try await frames.next() {
            guard case .text(let text) = frame else { continue }
            echoed = echoed || text.contains(probe)
            guard acknowledges, case .object(let fields) = try? JSONValue.parse(text) else { continue }
            if let ack = fields["ack"]?.numberValue, Int(ack) >= numbers.sent { stored = true }
            if let seq = fields["seq"]?.numberValue { numbers.received = max(numbers.received, Int(seq)) }
        }
        if acknowledges { try await outbound.write(.text(#"{"ack": \#(numbers.received)}"#)) }
    }

    /// A client frame saying `text`; numbered for an `ack` person, the first also asking for it.
    private func frame(_ text: String, numbers: inout Numbers, features: Bool = false) -> String {
        guard acknowledges else { return #"{"text": "\#(text)"}"# }
        numbers.sent += 1
        let ask = features ? #", "features": ["ack"]"# : ""
        return #"{"text": "\#(text)", "seq": \#(numbers.sent)\#(ask)}"#
    }
}
