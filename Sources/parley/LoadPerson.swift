import HummingbirdWSClient
import Logging

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

    /// Connects and plays the person, reporting to `tally`; never throws, failures are tallied.
    func run(url: String, logger: Logger, tally: LoadTally, start: LoadSignal, stop: LoadSignal) async {
        do {
            try await WebSocketClient.connect(url: url, configuration: .init(maxFrameSize: 1 << 20), logger: logger) {
                inbound, outbound, _ in
                var frames = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                try await outbound.write(.text(Self.frame("hello")))
                _ = try await frames.next()  // the overworld's menu
                await tally.arrive(index)
                await start.wait()
                if chats {
                    try await chat(in: &frames, outbound: outbound, tally: tally)
                    await tally.endChat(index)
                }
                await stop.wait()
            }
        } catch {
            await tally.fail(index, error, chats: chats)
        }
    }

    private func chat(
        in frames: inout WebSocketInboundMessageStream.AsyncIterator, outbound: WebSocketOutboundWriter, tally: LoadTally
    ) async throws {
        // Messages sent during the hand-over are queued for the world: no need to wait for it.
        try await outbound.write(.text(Self.frame(task)))
        // A first message, not timed, waits until the world runs: rounds measure its steady state.
        let warmUp = "w\(index)"
        try await outbound.write(.text(Self.frame(say.replacingOccurrences(of: "{probe}", with: warmUp))))
        try await Self.awaitReply(containing: warmUp, in: &frames)
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
            try await outbound.write(.text(Self.frame(say.replacingOccurrences(of: "{probe}", with: probe))))
            try await Self.awaitReply(containing: probe, in: &frames)
            await tally.record(sent: sent, received: clock.now)
        }
    }

    private static func awaitReply(containing probe: String, in frames: inout WebSocketInboundMessageStream.AsyncIterator) async throws {
        while let frame = try await frames.next() {
            if case .text(let text) = frame, text.contains(probe) { return }
        }
    }

    private static func frame(_ text: String) -> String {
        #"{"text": "\#(text)"}"#
    }
}
