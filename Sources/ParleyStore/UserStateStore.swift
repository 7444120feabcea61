import Foundation

/// Where the reference server keeps each user's conversation state and transcript, keyed by
/// (mind, user id).
public protocol UserStateStore: Sendable {
    /// Runs `turn` on the user's record of `mind` (nil for a new user) and stores the update it
    /// returns, with its exchange, in one transaction, only if nobody else stored the user since
    /// the record the turn saw; returns the turn's value once that is durable. Nothing is stored
    /// when the turn throws.
    ///
    /// Calls for one user run one at a time, in arrival order within a process; across processes
    /// sharing the store no update is lost: a turn whose record another process changed meanwhile
    /// runs again on the stored one. A turn that needs time (``ExchangeTurn/needsTime(_:)``) does
    /// its work with no transaction or lock held, so it may call out over the network without
    /// holding back other users; its work runs again only when another process stored the user
    /// while it worked. SQLite runs a turn that finishes at once inside its transaction (and may
    /// commit it together with other users' exchanges, each in its own savepoint); PostgreSQL
    /// runs it first on the record this process last stored, when it has one, and stores the
    /// update in one statement. A turn must not assume it runs once.
    func exchange<T: Sendable>(
        mind: String, userID: String, turn: @escaping @Sendable (UserRecord?) throws -> ExchangeTurn<T>
    ) async throws -> T

    /// At most `limit` of the user's logged exchanges (of `mind`, or of every mind when nil),
    /// oldest first, after the exchange with id `after` (from the start when nil).
    func transcript(mind: String?, userID: String, after: Int64?, limit: Int) async throws -> [LoggedExchange]

    /// At most `limit` logged exchanges of every mind and user made at or after `since` (all when
    /// nil), in the order they were stored, after the one with id `after` (from the start when nil).
    func exchanges(since: Date?, after: Int64?, limit: Int) async throws -> [LoggedExchange]

    /// Logs an exchange no user state goes with (a stateless reply API call, when they are logged).
    func logExchange(mind: String, userID: String, _ exchange: Exchange) async throws

    /// Erases the user's state and transcript, for every mind.
    func eraseUser(_ userID: String) async throws

    /// Erases logged exchanges older than `date`; returns how many were erased.
    func eraseExchanges(olderThan date: Date) async throws -> Int
}

extension UserStateStore {
    /// Runs `body` with exclusive access to the user's record and stores the update it returns,
    /// as ``exchange(mind:userID:turn:)`` with a turn that needs time: `body` runs with no
    /// database transaction open, and may run more than once (see there).
    public func exchange<T: Sendable>(
        mind: String, userID: String, _ body: @escaping @Sendable (UserRecord?) async throws -> (UserUpdate, T)
    ) async throws -> T {
        try await exchange(mind: mind, userID: userID) { record in .needsTime { try await body(record) } }
    }
}
