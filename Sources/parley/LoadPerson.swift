import HummingbirdWSClient
import Logging

/// One simulated person of `parley load`: greets, waits for the start, then optionally chats in the echo task.
struct LoadPerson: Sendable {
    let index: Int
    let chats: Bool
    let task: String
    let messages: Int

    /// Connects and plays the person, reporting to `tally`; never throws, failures are tallied.
    func run(url: String, logger: Logger, tally: LoadTally, start: LoadSignal) async {
        do {
            try await WebSocketClient.connect(url: url, configuration: .init(maxFrameSize: 1 << 20), logger: logger) {
                inbound, outbound, _ in
                var frames = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                try await outbound.write(.text(Self.frame("hello")))
                _ = try await frames.next()  // the overworld's menu
                await tally.arrive(index)
                await start.wait()
                guard chats else { return }
                // Messages sent during the hand-over are queued for the echo world: no need to wait for it.
                try await outbound.write(.text(Self.frame(task)))
                let clock = ContinuousClock()
                for round in 0..<messages {
                    let probe = "probe \(index) \(round)"
                    let sent = clock.now
                    try await outbound.write(.text(Self.frame(probe)))
                    while let frame = try await frames.next() {
                        if case .text(let text) = frame, text.contains(probe) { break }
                    }
                    await tally.record(clock.now - sent)
                }
            }
        } catch {
            await tally.fail(index, error)
        }
    }

    private static func frame(_ text: String) -> String {
        #"{"text": "\#(text)"}"#
    }
}
