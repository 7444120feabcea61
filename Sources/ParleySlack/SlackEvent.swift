import ParleyCore

/// What one post to the Events API route asks: Slack's check of the URL, or an event.
enum SlackEvent: Sendable, Equatable {
    /// Slack checks the request URL: the challenge goes back in the answer.
    case urlVerification(challenge: String)
    /// An event (`event_callback`): its `event_id`, the bot's user id from `authorizations`
    /// when given, and the event itself.
    case callback(eventID: String?, botUserID: String?, event: JSONValue)
    /// Another kind of post (e.g. `app_rate_limited`), named by its type.
    case other(String)

    /// Reads an Events API body; throws ``SlackEventError`` when it is not one.
    static func parse(_ body: JSONValue) throws(SlackEventError) -> SlackEvent {
        guard case .object = body else { throw SlackEventError("the body is not a JSON object") }
        guard let type = body["type"]?.stringValue else { throw SlackEventError("\"type\" is missing or not a string") }
        switch type {
        case "url_verification":
            guard let challenge = body["challenge"]?.stringValue else {
                throw SlackEventError("url_verification without a \"challenge\" string")
            }
            return .urlVerification(challenge: challenge)
        case "event_callback":
            guard let event = body["event"], event.objectValue != nil else {
                throw SlackEventError("event_callback without an \"event\" object")
            }
            let botUserID = body["authorizations"]?.arrayValue?.lazy.compactMap { $0["user_id"]?.stringValue }.first
            return .callback(eventID: body["event_id"]?.stringValue, botUserID: botUserID, event: event)
        default:
            return .other(type)
        }
    }
}
