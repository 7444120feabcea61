/// The ordered outbox of one WebSocket connection: everything it sends goes through here.
struct ConnectionSink: Sendable {
    /// Tells connections apart, so that a person's channel knows which one it is attached to.
    let id: Int
    let continuation: AsyncStream<OutboundFrame>.Continuation

    func send(_ frame: OutboundFrame) {
        continuation.yield(frame)
    }
}
