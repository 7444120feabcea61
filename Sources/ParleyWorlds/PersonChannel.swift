/// A person's connection on one chat service, as the worlds see it.
///
/// Each service (WebSocket, Messenger, ...) implements this; worlds never see transport types.
public protocol PersonChannel: Sendable {
    /// Sends a message to the person. Returns once the service has taken it.
    func deliver(_ message: Message) async
    /// Shows or hides a typing indicator; services without one ignore it.
    func showTyping(_ isTyping: Bool) async
    /// Shows the person's status (waiting, paired, a partner away); services without a status line
    /// ignore it, which is what the default does.
    func show(_ status: PersonStatus) async
    /// Closes the person's connection (after a farewell, or at shutdown).
    func close() async
    /// What a person in a restorable world is found by when they come back after a restart
    /// (a digest of their session token); nil for services that find people by their id.
    var resumeKey: String? { get }
}

extension PersonChannel {
    public func show(_ status: PersonStatus) async {}

    public var resumeKey: String? { nil }
}
