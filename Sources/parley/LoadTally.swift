/// What `parley load`'s people report: who has arrived (or failed to), and every echo round trip.
actor LoadTally {
    private var arrived: Set<Int> = []
    private var settled = 0
    private(set) var failures: [String] = []
    private(set) var rounds: [Duration] = []
    /// The first planned send and the last echo: the window over which messages/s is measured.
    private(set) var window: (first: ContinuousClock.Instant, last: ContinuousClock.Instant)?
    private var waiters: [(target: Int, continuation: CheckedContinuation<Void, Never>)] = []

    /// Person `index` is connected and past its first message.
    func arrive(_ index: Int) {
        arrived.insert(index)
        settle()
    }

    /// Person `index` failed; it counts as settled if it had not arrived yet.
    func fail(_ index: Int, _ error: any Error) {
        failures.append("person \(index): \(error)")
        if !arrived.contains(index) { settle() }
    }

    /// A message sent (or planned to be) at `sent` came back at `received`.
    func record(sent: ContinuousClock.Instant, received: ContinuousClock.Instant) {
        rounds.append(received - sent)
        window = (min(window?.first ?? sent, sent), max(window?.last ?? received, received))
    }

    /// Waits until `count` people have arrived or failed.
    func waitForSettled(_ count: Int) async {
        if settled >= count { return }
        await withCheckedContinuation { waiters.append((count, $0)) }
    }

    private func settle() {
        settled += 1
        waiters.removeAll { waiter in
            guard settled >= waiter.target else { return false }
            waiter.continuation.resume()
            return true
        }
    }
}
