import ParleyWorlds
import Testing

/// One person talking to a runtime through a recording channel.
public struct Speaker: Sendable {
    public let id: String
    public let runtime: WorldRuntime
    public let channel = RecordingChannel()

    public init(id: String, runtime: WorldRuntime) {
        self.id = id
        self.runtime = runtime
    }

    /// Sends `text` as the person.
    public func say(_ text: String) async {
        await runtime.receive(Message(text: text), from: id)
    }

    /// Reads the next message and checks its text. "Please wait while we pair you" replies are
    /// skipped unless expected: whether a message typed during a hand-over gets one depends on timing.
    @discardableResult
    public func expect(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) async -> Message? {
        let message = await nextMessage(expecting: text)
        #expect(message?.text == text, sourceLocation: sourceLocation)
        return message
    }

    /// Reads the next message and checks that its text is one of `texts` (a bot's variants).
    @discardableResult
    public func expect(oneOf texts: [String], sourceLocation: SourceLocation = #_sourceLocation) async -> Message? {
        let message = await nextMessage(expecting: nil)
        #expect(texts.contains(message?.text ?? "<closed>"), "got \(message?.text ?? "<closed>")", sourceLocation: sourceLocation)
        return message
    }

    /// Reads the next message's text ("<closed>" once the channel is closed).
    public func next() async -> String {
        await channel.nextMessage()?.text ?? "<closed>"
    }

    private func nextMessage(expecting text: String?) async -> Message? {
        var message = await channel.nextMessage()
        while message?.text == RuntimeText.waitForPairing, text != RuntimeText.waitForPairing {
            message = await channel.nextMessage()
        }
        return message
    }
}
