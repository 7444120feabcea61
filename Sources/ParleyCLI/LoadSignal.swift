/// A one-shot signal of `parley load`: every waiter resumes once it fires.
actor LoadSignal {
    private var fired = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if fired { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func fire() {
        fired = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}
