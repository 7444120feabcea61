/// What the turn of ``UserStateStore/exchange(mind:userID:turn:)`` decided, given the user's record.
public enum ExchangeTurn<T: Sendable>: Sendable {
    /// The turn is done: store this update and answer this value.
    case finished(UserUpdate, T)
    /// The turn needs time (it calls out over the network): `work` runs outside any database
    /// transaction, while the user's other exchanges wait, and its update is stored then.
    case needsTime(@Sendable () async throws -> (UserUpdate, T))
}
