import ParleyServer

/// Telegram as a chat service (being built).
public final class TelegramService: Sendable {
    public static let botTokenKey = "PARLEY_TELEGRAM_BOT_TOKEN"
    public static let secretTokenKey = "PARLEY_TELEGRAM_SECRET_TOKEN"
    public static let secretKeys = [botTokenKey, secretTokenKey]
}
