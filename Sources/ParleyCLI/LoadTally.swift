/// What `parley load`'s people report: who has arrived (or failed to), who has finished chatting,
/// and every echo round trip.
actor LoadTally {
    private typealias Waiter = (target: Int, continuation: CheckedContinuation<Void, Never>)

    private var arrived: Set<Int> = []
    private var settled = 0
    private var chatsEnded: Set<Int> = []
    private(set) var failures: [String] = []
    private(set) var rounds: [Duration] = []
    /// The first planned send and the last echo: the window over which messages/s is measured.
    private(set) var window: (first: ContinuousClock.Instant, last: ContinuousClock.Instant)?
    private var settledWaiters: [Waiter] = []
    private var chatWaiters: [Waiter] = []

    /// Person `index` is connected and past its first message.
    func arrive(_ index: Int) {
        arrived.insert(index)
        settle()
    }

    /// Person `index` failed; it counts as settled if it had not arrived yet, and as done chatting.
    func fail(_ index: Int, _ error: any Error, chats: Bool) {
        failures.append("person \(index): \(error)")
        if !arrived.contains(index) { settle() }
        if chats { endChat(index) }
    }

    /// Person `index` has sent all its messages.
    func endChat(_ index: Int) {
        guard chatsEnded.insert(index).inserted else { return }
        Self.resume(&chatWaiters, reached: chatsEnded.count)
    }

    /// Waits until `count` people have finished chatting or failed.
    func waitForChatsEnded(_ count: Int) async {
        if chatsEnded.count >= count { return }
        await withCheckedContinuation { chatWaiters.append((count, $0)) }
    }

    /// A message sent (or planned to be) at `sent` came back at `received`.
    func record(sent: ContinuousClock.Instant, received: ContinuousClock.Instant) {
        rounds.append(received - sent)
        window = (min(window?.first ?? sent, sent), max(window?.last ?? received, received))
    }

    /// Waits until `count` people have arrived or failed.
    func waitForSettled(_ count: Int) async {
        if settled >= count { return }
        await withCheckedContinuation { settledWaiters.append((count, $0)) }
    }

    private func settle() {
        settled += 1
        Self.resume(&settledWaiters, reached: settled)
    }

    private static func resume(_ waiters: inout [Waiter], reached count: Int) {
        waiters.removeAll { waiter in
            guard count >= waiter.target else { return false }
            waiter.continuation.resume()
            return true
        }
    }
}
