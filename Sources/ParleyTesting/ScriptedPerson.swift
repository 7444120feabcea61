import ParleyCore
import ParleyWorlds
import Testing

/// One person talking to a ``WorldHarness``: says things, and checks what the worlds send back, in
/// order. Failed checks are recorded as Swift Testing issues at the caller's line. A check waits
/// for the next message at most ``patience`` (then records that none came), so a test whose world
/// went quiet fails instead of hanging; each check reads one message, right or wrong.
public struct ScriptedPerson: Sendable {
    /// How long a check waits for the next message. The default, 2 minutes, only bounds a test
    /// whose world went quiet: a whole test suite run in parallel on two cores can keep an
    /// in-process world waiting for a processor for tens of seconds.
    public var patience: Duration = .seconds(120)

    /// The person's id in the runtime (and in the recorded messages' `speaker`).
    public let id: String
    /// The runtime the person talks to.
    public let runtime: WorldRuntime
    /// Everything sent to the person.
    public let channel = RecordingChannel()

    /// A person who is not connected yet; ``WorldHarness/person(_:)`` makes connected ones.
    public init(id: String, runtime: WorldRuntime) {
        self.id = id
        self.runtime = runtime
    }

    /// Sends `text` as the person.
    public func say(_ text: String) async {
        await runtime.receive(Message(text: text), from: id)
    }

    /// Sends a whole message (a quick reply's payload, say) as the person.
    public func send(_ message: Message) async {
        await runtime.receive(message, from: id)
    }

    /// Leaves, as a person who closes the page: their worlds see them go.
    public func leave() async {
        await runtime.disconnect(personID: id)
    }

    /// Reads the next message and checks its text, and its quick replies when given.
    /// "Please wait while we pair you" replies are skipped unless expected: whether a message typed
    /// during a hand-over gets one depends on timing.
    @discardableResult
    public func expect(
        _ text: String, quickReplies: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async -> Message? {
        guard let message = await nextMessage(expecting: text, sourceLocation: sourceLocation) else { return nil }
        #expect(message.text == text, sourceLocation: sourceLocation)
        if let quickReplies {
            #expect(message.quickReplies == quickReplies, sourceLocation: sourceLocation)
        }
        return message
    }

    /// Reads the next message and checks its payload.
    @discardableResult
    public func expect(payload: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) async -> Message? {
        guard let message = await nextMessage(expecting: nil, sourceLocation: sourceLocation) else { return nil }
        #expect(message.payload == payload, "got \(message.text)", sourceLocation: sourceLocation)
        return message
    }

    /// Reads the next message and checks that its text is one of `texts` (a bot's variants).
    @discardableResult
    public func expect(oneOf texts: [String], sourceLocation: SourceLocation = #_sourceLocation) async -> Message? {
        guard let message = await nextMessage(expecting: nil, sourceLocation: sourceLocation) else { return nil }
        #expect(texts.contains(message.text), "got \(message.text)", sourceLocation: sourceLocation)
        return message
    }

    /// Reads the next message and checks that its text satisfies `condition`.
    @discardableResult
    public func expect(
        where condition: (String) -> Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) async -> Message? {
        guard let message = await nextMessage(expecting: nil, sourceLocation: sourceLocation) else { return nil }
        #expect(condition(message.text), "got \(message.text)", sourceLocation: sourceLocation)
        return message
    }

    /// Waits for the next status shown to the person (read apart from messages) and checks it:
    /// `.waiting` tells that the person has joined a pool.
    public func expect(status: PersonStatus, sourceLocation: SourceLocation = #_sourceLocation) async {
        guard let shown = await channel.nextStatus(within: patience) else {
            Issue.record("no status came within \(patience)", sourceLocation: sourceLocation)
            return
        }
        #expect(shown == status, sourceLocation: sourceLocation)
    }

    /// Checks that nothing is sent to the person for `duration` (typing indicators aside).
    public func expectSilence(for duration: Duration = .milliseconds(200), sourceLocation: SourceLocation = #_sourceLocation) async {
        if case .message(let heard) = await channel.nextMessage(within: duration) {
            Issue.record("expected silence, got \(heard.text)", sourceLocation: sourceLocation)
        }
    }

    /// Checks that the person's connection was closed, as the runtime does to everyone at
    /// shutdown (not after ``leave()``, nor after EXIT: the person's next message starts again).
    public func expectClosed(sourceLocation: SourceLocation = #_sourceLocation) async {
        switch await channel.nextMessage(within: patience) {
        case .closed: break
        case .message(let message): Issue.record("expected the connection closed, got \(message.text)", sourceLocation: sourceLocation)
        case .none: Issue.record("expected the connection closed; it stayed open \(patience)", sourceLocation: sourceLocation)
        }
    }

    /// The next message, waiting for it at most ``patience``; nil once the channel is closed or
    /// when none came in time.
    public func next() async -> Message? {
        if case .message(let message) = await channel.nextMessage(within: patience) { return message }
        return nil
    }

    private func nextMessage(expecting text: String?, sourceLocation: SourceLocation) async -> Message? {
        while true {
            switch await channel.nextMessage(within: patience) {
            case .message(let message):
                if message.text == RuntimeText.waitForPairing, text != RuntimeText.waitForPairing { continue }
                return message
            case .closed:
                Issue.record("expected a message; the connection was closed", sourceLocation: sourceLocation)
                return nil
            case .none:
                Issue.record("no message came within \(patience)", sourceLocation: sourceLocation)
                return nil
            }
        }
    }
}
