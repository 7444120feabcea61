/// Where a guessing game is: all its world keeps between steps, a small value.
public struct GameState: Sendable, Codable, Equatable {
    /// One guess, by display id.
    public struct Guess: Sendable, Codable, Equatable {
        public var player: String
        public var guess: Int
    }

    public var started = false
    /// Whose turn it is: an index into the players.
    public var turn = 0
    public var guesses: [Guess] = []
    /// The winner's display id, once someone found the number.
    public var winner: String?

    public init() {}
}
