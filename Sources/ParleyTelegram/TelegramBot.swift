/// The bot a token belongs to, as `getMe` tells: groups address it by its username.
public struct TelegramBot: Sendable, Equatable {
    /// The bot's user id.
    public let id: Int
    /// The username, without the `@`.
    public let username: String

    public init(id: Int, username: String) {
        self.id = id
        self.username = username
    }
}
