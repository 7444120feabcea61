import Foundation

/// Where the reference server keeps each user's conversation state and transcript, keyed by
/// (mind, user id).
public protocol UserStateStore: Sendable {
    /// Runs `body` with exclusive access to the user's record of `mind` (nil for a new user) and
    /// stores the update it returns, with its exchange, in one transaction; returns the body's
    /// value once that is durable. Nothing is stored when `body` throws.
    ///
    /// Calls for one user run one at a time, in arrival order within a process; across processes
    /// sharing the store no update is lost. `body` runs with no database transaction open, so it
    /// may take its time (call out over the network) without holding back other users. `body`
    /// may run more than once when another process changed the same user meanwhile (SQLite
    /// only); it must not assume it runs once.
    func exchange<T: Sendable>(
        mind: String, userID: String, _ body: @Sendable (UserRecord?) async throws -> (UserUpdate, T)
    ) async throws -> T

    /// At most `limit` of the user's logged exchanges (of `mind`, or of every mind when nil),
    /// oldest first, after the exchange with id `after` (from the start when nil).
    func transcript(mind: String?, userID: String, after: Int64?, limit: Int) async throws -> [LoggedExchange]

    /// Erases the user's state and transcript, for every mind.
    func eraseUser(_ userID: String) async throws

    /// Erases logged exchanges older than `date`; returns how many were erased.
    func eraseExchanges(olderThan date: Date) async throws -> Int
}
