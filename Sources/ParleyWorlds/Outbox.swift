/// Delivers a person's outgoing messages in order, and holds them while the person is detached.
///
/// Messages are numbered from 1 in the order they are sent, as a channel that numbers what it
/// delivers numbers them. In a restorable world the outbox also holds messages back until a save
/// holds them (``hold()``, ``release(through:)``), so that the person never sees what a restored
/// world would not know it said.
actor Outbox {
    private var channel: (any PersonChannel)?
    /// The last channel attached, kept after a detach for its resume key.
    private var lastChannel: (any PersonChannel)?
    /// The resume key saved with a restored person, until a channel is attached.
    private var restoredKey: String?
    /// Sent and not yet delivered, in order, each with its number.
    private var pending: [(number: Int, message: Message)] = []
    /// The number of the last message sent.
    private(set) var sent = 0
    /// Messages up to this number may be delivered; nil when none is held back.
    private var releasedThrough: Int?
    private var draining = false
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    init(channel: any PersonChannel) {
        self.channel = channel
        self.lastChannel = channel
    }

    /// The outbox of a person restored from a save: `delivered` messages went out before the
    /// restart, and `pending` (numbered after them) go out once the person is attached.
    init(delivered: Int, pending: [Message], resumeKey: String?) {
        self.pending = pending.enumerated().map { (delivered + 1 + $0.offset, $0.element) }
        self.sent = delivered + pending.count
        self.restoredKey = resumeKey
    }

    /// What a restored channel's session is known by (``PersonChannel/resumeKey``).
    var resumeKey: String? {
        lastChannel?.resumeKey ?? restoredKey
    }

    /// What a save keeps of an outbox.
    struct Snapshot: Sendable {
        /// The number of the last message handed to a channel.
        let delivered: Int
        /// The messages not yet delivered, in order.
        let pending: [Message]
        /// The number of the last message sent.
        let sent: Int
        let resumeKey: String?
    }

    /// The outbox now, for a save.
    func snapshot() -> Snapshot {
        Snapshot(delivered: sent - pending.count, pending: pending.map(\.message), sent: sent, resumeKey: resumeKey)
    }

    /// Queues a message and delivers everything queued while the channel is attached.
    func send(_ message: Message) async {
        sent += 1
        pending.append((sent, message))
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
        lastChannel = channel
        await drain()
    }

    /// Holds back messages sent from now on until ``release(through:)`` or ``releaseAll()``.
    func hold() {
        releasedThrough = sent
    }

    /// Lets the messages up to number `number` go out, and holds back later ones.
    func release(through number: Int) async {
        guard let held = releasedThrough else { return }
        releasedThrough = max(held, number)
        await drain()
    }

    /// Stops holding messages back.
    func releaseAll() async {
        releasedThrough = nil
        await drain()
    }

    /// Delivers what is queued and released, then closes the channel.
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
        while let channel, let first = pending.first, first.number <= releasedThrough ?? .max {
            pending.removeFirst()
            await channel.deliver(first.message)
        }
        draining = false
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }
}
