import Foundation
import HummingbirdWSClient
import NIOCore
import Logging
import ParleyCore

/// A real WebSocket client for tests: send frames, await the next frame the server sends.
actor WebSocketTestClient {
    enum Event: Sendable {
        case frame(String)
        case closed(WebSocketCloseFrame?)
    }

    enum Outgoing: Sendable {
        case text(String)
        /// Sent as fragments of at most `fragmentSize` bytes.
        case fragmented(String, fragmentSize: Int)
        case binary([UInt8])
        case close
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private var events: AsyncStream<Event>.AsyncIterator
    private let outgoing: AsyncStream<Outgoing>.Continuation
    private let run: Task<Void, Never>

    private init(events: AsyncStream<Event>, outgoing: AsyncStream<Outgoing>.Continuation, run: Task<Void, Never>) {
        self.events = events.makeAsyncIterator()
        self.outgoing = outgoing
        self.run = run
    }

    /// Connects to `ws://127.0.0.1:port/websocket`; returns once the upgrade is done.
    static func connect(port: Int, path: String = "/websocket") async throws -> WebSocketTestClient {
        let (events, eventContinuation) = AsyncStream.makeStream(of: Event.self)
        let (outgoing, outgoingContinuation) = AsyncStream.makeStream(of: Outgoing.self)
        let (opened, openedContinuation) = AsyncStream.makeStream(of: Bool.self)
        var logger = Logger(label: "test.client")
        logger.logLevel = .critical
        let run = Task {
            do {
                let closeFrame = try await WebSocketClient.connect(
                    url: "ws://127.0.0.1:\(port)\(path)",
                    configuration: .init(maxFrameSize: 1 << 20),
                    logger: logger
                ) { inbound, outbound, _ in
                    openedContinuation.yield(true)
                    openedContinuation.finish()
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for try await message in inbound.messages(maxSize: 1 << 22) {
                                if case .text(let text) = message {
                                    eventContinuation.yield(.frame(text))
                                }
                            }
                        }
                        group.addTask {
                            for await item in outgoing {
                                switch item {
                                case .text(let text):
                                    try await outbound.write(.text(text))
                                case .fragmented(let text, let size):
                                    try await outbound.withTextMessageWriter { writer in
                                        var rest = Substring(text)
                                        while !rest.isEmpty {
                                            try await writer(String(rest.prefix(size)))
                                            rest = rest.dropFirst(size)
                                        }
                                    }
                                case .binary(let bytes):
                                    try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
                                case .close:
                                    try await outbound.close(.normalClosure, reason: nil)
                                    return
                                }
                            }
                        }
                        // Reading ends when the server closes; a close we send ends writing.
                        try await group.next()
                        group.cancelAll()
                    }
                }
                eventContinuation.yield(.closed(closeFrame))
            } catch {
                eventContinuation.yield(.closed(nil))
            }
            openedContinuation.finish()
            eventContinuation.finish()
        }
        for await _ in opened {
            return WebSocketTestClient(events: events, outgoing: outgoingContinuation, run: run)
        }
        throw Failure(description: "could not connect to port \(port)")
    }

    func send(_ item: Outgoing) {
        outgoing.yield(item)
    }

    /// Sends `{"text": text}` (and more keys when given).
    func say(_ text: String, _ more: [String: JSONValue] = [:]) {
        var members = more
        members["text"] = .string(text)
        outgoing.yield(.text(JSONValue.object(members).jsonText()))
    }

    /// The next frame from the server, parsed.
    func next() async throws -> JSONValue {
        switch try await nextEvent() {
        case .frame(let text):
            return try JSONValue.parse(text)
        case .closed(let frame):
            throw Failure(description: "connection closed (\(frame.map { "\($0.closeCode)" } ?? "no close frame")) while a frame was expected")
        }
    }

    /// The text of the next frame.
    func nextText() async throws -> String {
        let frame = try await next()
        guard let text = frame["text"]?.stringValue else {
            throw Failure(description: "frame without text: \(frame.jsonText())")
        }
        return text
    }

    /// The texts of the next `count` frames.
    func texts(_ count: Int) async throws -> [String] {
        var texts: [String] = []
        for _ in 0..<count {
            texts.append(try await nextText())
        }
        return texts
    }

    /// Reads frames until one whose text contains `fragment`; returns that frame and the texts before it.
    func next(containing fragment: String) async throws -> (frame: JSONValue, before: [String]) {
        var before: [String] = []
        while true {
            let frame = try await next()
            let text = frame["text"]?.stringValue ?? ""
            if text.contains(fragment) { return (frame, before) }
            before.append(text)
        }
    }

    /// Waits for the server to close; returns the frames that came first and the close frame.
    func closed() async throws -> (frames: [String], close: WebSocketCloseFrame?) {
        var frames: [String] = []
        while true {
            switch try await nextEvent() {
            case .frame(let text): frames.append(text)
            case .closed(let close): return (frames, close)
            }
        }
    }

    /// Closes the connection from the client side and waits until it is closed.
    func close() async {
        outgoing.yield(.close)
        await run.value
    }

    private func nextEvent() async throws -> Event {
        // The suite's time limit fails a test that waits for a frame that never comes.
        var events = self.events
        let event = await events.next(isolation: self)
        self.events = events
        guard let event else { throw Failure(description: "the connection has no more events") }
        return event
    }
}
