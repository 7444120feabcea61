/// Telegram cannot start as configured; the description says what is missing or wrong, and where.
public struct TelegramConfigError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
