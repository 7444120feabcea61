import ParleyStore

/// Where a bot in a world logs what it answers, as the reply API logs its exchanges: the store,
/// and the mind name the exchanges are kept under (the name the reply API serves the mind by), so
/// that the studio's review and `parley mind report` see conversations in worlds too.
public struct ExchangeLog: Sendable {
    public let store: any UserStateStore
    public let mind: String

    public init(store: any UserStateStore, mind: String) {
        self.store = store
        self.mind = mind
    }
}
