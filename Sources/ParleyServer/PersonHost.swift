import ParleyWorlds

/// What a chat service needs from the world runtime: people come, talk, drop, resume and leave.
public protocol PersonHost: Sendable {
    /// Runs the worlds until ``shutdown()`` has completed.
    func run() async
    /// Ends every world (warning people, with a bounded grace period) and closes every channel.
    func shutdown() async
    /// A new person arrived; nothing is sent to them before their first message.
    func connect(personID: String, service: String, channel: any PersonChannel) async
    /// The person said something.
    func receive(_ message: Message, from personID: String) async
    /// The person is gone for good.
    func disconnect(personID: String) async
    /// The person's connection dropped; they may resume within the resume window.
    func detach(personID: String) async
    /// The person came back on a new channel; false when they are no longer known.
    func resume(personID: String, channel: any PersonChannel) async -> Bool
}
