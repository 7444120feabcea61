/// Delivers a person's outgoing messages in order, and holds them while the person is detached.
actor Outbox {
    private var channel: (any PersonChannel)?
    private var pending: [Message] = []
    private var draining = false
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    init(channel: any PersonChannel) {
        self.channel = channel
    }

    /// Queues a message and delivers everything queued while the channel is attached.
    func send(_ message: Message) async {
        pending.append(message)
        await drain()
    }

    func showTyping(_ isTyping: Bool) async {
        await channel?.showTyping(isTyping)
    }

    /// Shows a status while attached; a status is stale by the time a detached person comes back.
    func show(_ status: PersonStatus) async {
        await channel?.show(status)
    }

    /// Holds later messages until `attach`.
    func detach() {
        channel = nil
    }

    /// Re-attaches and replays the held messages in order.
    func attach(_ channel: any PersonChannel) async {
        self.channel = channel
        await drain()
    }

    /// Delivers what is queued, then closes the channel.
    func close() async {
        await drain()
        while draining {
            await withCheckedContinuation { idleWaiters.append($0) }
        }
        let channel = self.channel
        self.channel = nil
        await channel?.close()
    }

    private func drain() async {
        guard !draining else { return }
        draining = true
        while let channel, !pending.isEmpty {
            let message = pending.removeFirst()
            await channel.deliver(message)
        }
        draining = false
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }
}
