import ParleyCore
import ParleyWorlds
import Testing

/// One person talking to a ``WorldHarness``: says things, and checks what the worlds send back, in
/// order. Failed checks are recorded as Swift Testing issues at the caller's line.
public struct ScriptedPerson: Sendable {
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
        let message = await nextMessage(expecting: text)
        #expect(message?.text == text, sourceLocation: sourceLocation)
        if let quickReplies {
            #expect(message?.quickReplies == quickReplies, sourceLocation: sourceLocation)
        }
        return message
    }

    /// Reads the next message and checks its payload.
    @discardableResult
    public func expect(payload: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) async -> Message? {
        let message = await nextMessage(expecting: nil)
        #expect(message?.payload == payload, "got \(message?.text ?? "<closed>")", sourceLocation: sourceLocation)
        return message
    }

    /// Reads the next message and checks that its text is one of `texts` (a bot's variants).
    @discardableResult
    public func expect(oneOf texts: [String], sourceLocation: SourceLocation = #_sourceLocation) async -> Message? {
        let message = await nextMessage(expecting: nil)
        #expect(texts.contains(message?.text ?? "<closed>"), "got \(message?.text ?? "<closed>")", sourceLocation: sourceLocation)
        return message
    }

    /// Reads the next message and checks that its text satisfies `condition`.
    @discardableResult
    public func expect(
        where condition: (String) -> Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) async -> Message? {
        let message = await nextMessage(expecting: nil)
        #expect(condition(message?.text ?? "<closed>"), "got \(message?.text ?? "<closed>")", sourceLocation: sourceLocation)
        return message
    }

    /// Checks that nothing is sent to the person for `duration` (typing indicators aside).
    public func expectSilence(for duration: Duration = .milliseconds(200), sourceLocation: SourceLocation = #_sourceLocation) async {
        let channel = self.channel
        let heard = await withTaskGroup(of: Message?.self) { group in
            group.addTask { await channel.nextMessage() }
            group.addTask {
                try? await Task.sleep(for: duration)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        #expect(heard == nil, "got \(heard?.text ?? "")", sourceLocation: sourceLocation)
    }

    /// Checks that the person's connection was closed (as the runtime does at shutdown).
    public func expectClosed(sourceLocation: SourceLocation = #_sourceLocation) async {
        let message = await channel.nextMessage()
        #expect(message == nil, "got \(message?.text ?? "")", sourceLocation: sourceLocation)
    }

    /// The next message, waiting for it; nil once the channel is closed.
    public func next() async -> Message? {
        await channel.nextMessage()
    }

    private func nextMessage(expecting text: String?) async -> Message? {
        var message = await channel.nextMessage()
        while message?.text == RuntimeText.waitForPairing, text != RuntimeText.waitForPairing {
            message = await channel.nextMessage()
        }
        return message
    }
}
