import ParleyCore

/// What the runtime itself says to people (ParlAI's strings where ParlAI has one).
public enum RuntimeText {
    public static let passwordRequired =
        "Sorry, this conversation bot is password-protected. If you have the password, please send it now."
    public static let pairingSlow = "Pairing is taking longer than expected. If you wish to exit, type *EXIT*."
    public static let waitForPairing = "Please wait while we pair you with another person. If you wish to exit, type *EXIT*."
    public static let farewell = "See you later!"
    public static let worldClosed = "Sorry, this world closed. Returning to overworld."
    public static let partnerLeft = "The other agent has left the chat."
    public static let partnerTimedOut = "The other agent has timed out."
    public static let timedOut = "You have timed out"
    public static let noPartner = "Sorry, no one could be paired with you in time. Returning to overworld."
    public static let restarting = "The server is restarting. This conversation will go on when it is back."
    public static let botUnavailable = "The bot is not available right now."
    /// The default `blocked_message`.
    public static let blocked = "Sorry, you can no longer take part in these tasks."
    public static let notAllowed = "Sorry, this task is not open to you."
    /// Sent to a person who declined a required consent notice, with the notice's answers.
    public static func consentDeclined(accept: String) -> String {
        "Nothing of yours has been recorded. If you change your mind, answer \"\(accept)\" to start."
    }
    public static let unrecorded = "Understood: nothing you say here will be recorded."
    public static let ratingInvalid = "Please answer with a number from the choices."
    public static let ratingComment = "Anything you would like to add? Type your comment, or skip."
    public static let ratingThanks = "Thank you for your feedback."

    /// Told to a world's people when an operator steps in, and when they leave.
    public static func operatorJoined(_ name: String) -> String {
        "\(name) has joined the conversation to help."
    }

    public static func operatorLeft(_ name: String) -> String {
        "\(name) has left; the conversation goes on."
    }

    /// Sent when the pool wait times out and the task has a `backup_task`.
    public static func noPartner(backup: String) -> String {
        "Sorry, no one could be paired with you in time. Transferring to \(backup)"
    }

    /// Sent once when every worker is busy and the person must wait their turn.
    public static func queued(position: Int) -> String {
        "All conversations are busy right now. You are number \(position) in the queue and will be connected "
            + "as soon as a place frees up. If you wish to exit, type *EXIT*."
    }

    /// Sent to everyone connected when a shutdown begins.
    public static func goingOffline(within grace: Duration) -> String {
        let (seconds, attoseconds) = grace.components
        let span: String
        if attoseconds == 0 {
            span = seconds == 1 ? "1 second" : "\(seconds) seconds"
        } else {
            span = "\((grace.inSeconds * 10).rounded() / 10) seconds"
        }
        return "This chat service is going offline. Please finish your conversation within \(span)."
    }
}
