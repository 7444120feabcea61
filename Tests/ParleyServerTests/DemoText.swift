import ParleyCore

/// What the overworld demo's worlds say, as the tests expect it.
enum DemoText {
    static let menu = "Welcome to the overworld for the ParlAI messenger demo. Choose one of the demos from the listed quick replies. "
    static let menuReplies: JSONValue = ["echo", "onboard data", "chat", "EXIT"]
    static let echoWelcome =
        "Welcome to the onboarding world for our echo bot. The next message you send will be echoed. Use [DONE] to finish the chat."
    static let chatName = "Welcome to the onboarding world free chat. Enter your display name."
    static let chatMatch = "You will be matched with a random person. Say [DONE] to end the chat."
}
