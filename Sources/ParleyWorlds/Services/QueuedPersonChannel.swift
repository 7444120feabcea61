import Synchronization

/// A person of a ``ServicePeople``: what the worlds send is queued and handed to the service's
/// `send` one at a time, in order, by the person's own sender.
final class QueuedPersonChannel: PersonChannel {
    let address: String
    let personID: String
    private let queue: AsyncStream<ServiceOutgoing>
    private let queueInput: AsyncStream<ServiceOutgoing>.Continuation
    private let waiting = Atomic<Int>(0)

    init(address: String, personID: String) {
        self.address = address
        self.personID = personID
        (queue, queueInput) = AsyncStream.makeStream()
    }

    func deliver(_ message: Message) async {
        enqueue(.message(message))
    }

    func showTyping(_ isTyping: Bool) async {
        enqueue(.typing(isTyping))
    }

    /// Sends what is queued, then stops the sender.
    func close() async {
        finish()
    }

    func enqueue(_ outgoing: ServiceOutgoing) {
        if case .enqueued = queueInput.yield(outgoing) { waiting.add(1, ordering: .relaxed) }
    }

    func finish() {
        queueInput.finish()
    }

    /// Things queued and not sent yet.
    var queued: Int {
        waiting.load(ordering: .relaxed)
    }

    /// Sends the queue in order until the channel is finished (or the task cancelled).
    func run(send: @Sendable (String, ServiceOutgoing) async -> Void) async {
        for await outgoing in queue {
            await send(address, outgoing)
            waiting.subtract(1, ordering: .relaxed)
            if Task.isCancelled { break }
        }
    }
}
