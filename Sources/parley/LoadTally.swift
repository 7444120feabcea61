/// What `parley load`'s people report: who has arrived (or failed to), and every echo round trip.
actor LoadTally {
    private var arrived: Set<Int> = []
    private var settled = 0
    private(set) var failures: [String] = []
    private(set) var rounds: [Duration] = []
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

    func record(_ round: Duration) {
        rounds.append(round)
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
