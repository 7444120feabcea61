import ParleyServer

/// Slack as a chat service (being built).
public final class SlackService: Sendable {
    public static let signingSecretKey = "PARLEY_SLACK_SIGNING_SECRET"
    public static let botTokenKey = "PARLEY_SLACK_BOT_TOKEN"
    public static let secretKeys = [signingSecretKey, botTokenKey]
}
