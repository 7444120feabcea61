/// What the built-in demo's worlds say, as the tests expect it on Slack.
enum SlackDemoText {
    static let menu = "Overworld: Welcome to Parley! Choose one of the demos from the listed quick replies."
    static let menuChoices = ["echo", "onboard data", "chat", "chatbot", "EXIT"]
    static let transferToEcho = "Overworld: Transferring to echo"
    static let echoWelcome =
        "Onboarding: Welcome to the onboarding world for our echo bot. The next message you send will be echoed. Use [DONE] to finish the chat."
}
